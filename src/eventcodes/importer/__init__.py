"""Importing PETRARCH-1/TABARI (and PETRARCH-2 verb) dictionaries into an eventcodes codebook."""

from __future__ import annotations

from .build import ImportResult, import_dictionaries
from .lines import Finding

__all__ = ["Finding", "ImportResult", "import_dictionaries"]
