"""Codebooks: loading, validating and compiling the editable tables that drive the coder."""

from __future__ import annotations

from .load import default_codebook_path, load_codebook
from .model import ActorEntry, AgentEntry, Codebook, EventCode, PatternEntry, Settings, VerbEntry

__all__ = [
    "ActorEntry",
    "AgentEntry",
    "Codebook",
    "EventCode",
    "PatternEntry",
    "Settings",
    "VerbEntry",
    "default_codebook_path",
    "load_codebook",
]
