"""Codebook layers: a manifest may extend other codebooks; its rows override theirs by key.

A codebook whose manifest says ``extends = ["../phoenix-imported"]`` is read as the base codebook(s)
first, in the order listed (each may extend others in turn), then its own tables. A row of a later
layer replaces every row of an earlier layer with the same key (the table's key column, below),
so a user can keep an imported dictionary untouched and correct it in a small codebook of their
own. Settings and origins merge the same way: the later layer's values win.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..origin import Origin
from .tables import Row

#: the column (or columns) that say which rows of two layers are "the same row"
LAYER_KEYS: dict[str, tuple[str, ...]] = {
    "event_codes": ("code",),
    "roles": ("code",),
    "actors": ("phrase",),
    "agents": ("phrase",),
    "verbs": ("verb",),
    "patterns": ("rule_id",),
    "synsets": ("name",),
    "discards": ("phrase",),
    "intents": ("code",),
    "issues": ("phrase",),
}


@dataclass(frozen=True)
class Layer:
    """One codebook of a stack: its directory, manifest and table paths by kind."""

    root: Path
    manifest: dict[str, Any]
    tables: dict[str, list[Path]]

    @property
    def name(self) -> str:
        return str(self.manifest.get("name", self.root.name))


def _tables(manifest: dict[str, Any], root: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    tables = manifest.get("tables", {})
    if isinstance(tables, dict):
        for kind, value in tables.items():
            names = [value] if isinstance(value, str) else value
            if isinstance(names, list) and all(isinstance(n, str) for n in names):
                out[kind] = [root / n for n in names]
    return out


def base_layers(
    manifest: dict[str, Any], root: Path, problems: list[Problem], _seen: tuple[Path, ...] = ()
) -> list[Layer]:
    """Return the layers a manifest extends, deepest first, each with its table paths.

    Problems (a missing directory, a cycle, bad TOML) are appended to ``problems``.
    """
    mpath = root / "manifest.toml"
    value = manifest.get("extends", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            Problem(mpath, 1, 'extends must be a list of directories, e.g. ["../base"]')
        )
        return []
    layers: list[Layer] = []
    here = (*_seen, root.resolve())
    for rel in value:
        base = (root / rel).resolve()
        bpath = base / "manifest.toml"
        if base in here:
            problems.append(Problem(mpath, 1, f"extends {rel!r} makes a cycle; remove it"))
            continue
        if not bpath.is_file():
            problems.append(
                Problem(mpath, 1, f"extends {rel!r}: no manifest.toml in {base}; check the path")
            )
            continue
        try:
            bman = tomllib.loads(bpath.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(Problem(bpath, 1, f"not valid TOML: {exc}"))
            continue
        layers.extend(base_layers(bman, base, problems, here))
        layers.append(Layer(base, bman, _tables(bman, base)))
    return layers


def merged_manifest(manifest: dict[str, Any], layers: list[Layer]) -> dict[str, Any]:
    """Return the manifest with the settings and origins of its base layers merged under its own."""
    if not layers:
        return manifest
    settings: dict[str, Any] = {}
    origins: dict[str, Any] = {}
    for layer in layers:
        s, o = layer.manifest.get("settings", {}), layer.manifest.get("origin", {})
        settings.update(s if isinstance(s, dict) else {})
        origins.update(
            {
                os.path.join(os.path.relpath(layer.root), k): v
                for k, v in (o.items() if isinstance(o, dict) else [])
            }
        )
    own_settings = manifest.get("settings", {})
    own_origins = manifest.get("origin", {})
    return {
        **manifest,
        "settings": {**settings, **(own_settings if isinstance(own_settings, dict) else {})},
        "origin": {**origins, **(own_origins if isinstance(own_origins, dict) else {})},
    }


def key_of(kind: str, row: Row) -> tuple[str, ...]:
    """Return the layer key of a row: the same key in a later layer replaces it."""
    return tuple(row.get(c).casefold() for c in LAYER_KEYS.get(kind, ()))


def override(kind: str, stacked: list[list[Row]]) -> list[Row]:
    """Return the rows of a table kind over all layers (deepest first): a later layer's rows
    replace every earlier row with the same key; rows of one layer are kept as they are (their
    own duplicates are the loader's to report)."""
    if len(stacked) == 1:
        return stacked[0]
    out: list[Row] = []
    for rows in stacked:
        keys = {key_of(kind, r) for r in rows}
        out = [r for r in out if key_of(kind, r) not in keys]
        out.extend(rows)
    return out


@lru_cache(maxsize=256)
def _label(path: Path, root: Path) -> str:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return os.path.relpath(path, root)
    return path.name


def row_label(origin: Origin, root: Path) -> str:
    """Return ``file.csv:line`` for a row of the codebook's own tables, and the path relative to
    the codebook (``../phoenix-imported/verbs.csv:12``) for a row of a layer it extends."""
    return f"{_label(origin.path, root)}:{origin.line}"


def all_paths(paths: dict[str, list[Path]], layers: list[Layer]) -> dict[str, list[Path]]:
    """Return the table paths of the codebook and of the layers it extends (for the hash)."""
    out = {k: list(v) for k, v in paths.items()}
    for layer in layers:
        for kind, ps in layer.tables.items():
            out.setdefault(kind, []).extend(ps)
        # every base manifest, with tables or not: its settings are merged into the codebook's
        out.setdefault("manifest", []).append(layer.root / "manifest.toml")
    return out


def missing(
    required: tuple[str, ...], paths: dict[str, list[Path]], layers: list[Layer]
) -> list[str]:
    """Return the required table kinds that neither the codebook nor a layer it extends lists."""
    return [k for k in required if k not in paths and not any(k in la.tables for la in layers)]


def stacked_rows(
    kind: str,
    layers: list[Layer],
    paths: dict[str, list[Path]],
    read: Callable[[Path], list[Row]],
) -> list[Row]:
    """Return the rows of a table kind over the layers (deepest first) and the codebook's own
    tables, later layers' rows replacing earlier ones with the same key."""
    stacked = [
        [row for p in tables.get(kind, []) for row in read(p)]
        for tables in [*(layer.tables for layer in layers), paths]
    ]
    return override(kind, stacked)
