"""A cache of the gazetteer on disk, so that a process gets its places index in a few hundredths
of a second instead of reading and validating some 70,000 rows (a CPU second) every time.

After the places tables of a codebook are read, their compact form (index.PlaceTable) is written
to one file per set of tables in the cache directory of the compiled codebooks
(codebook/cache.py: ``$EVENTCODES_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventcodes``, else
``~/.cache/eventcodes``; ``EVENTCODES_CACHE=off`` turns both caches off). The file is used only
when its key matches: the bytes of every table, their paths as given, the country names and
adjectives the index is given (from the actors table), and the code that reads them
(codebook/cache.py's fingerprint of every module of the package, the versions). Anything else
(an edited table, other code, a damaged file) is a miss, and the tables are read as without the
cache; a cache that cannot be written is skipped silently; writing a file removes the files of
tables that no longer exist. Tables of fewer than MIN_BYTES are not cached: they read in a moment.

The file is a pickle: keep the cache directory writable only by you (it is created mode 0700).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..codebook.cache import _code_fingerprint, cache_dir, prune_files, read_file, write_file
from .index import PlaceTable

#: bump when what the file holds changes in a way the module fingerprint would not show
FORMAT = b"eventcodes-places-cache 1"
#: tables that total fewer bytes are not cached
MIN_BYTES = 1_000_000


@dataclass(frozen=True)
class Slot:
    """Where the cache file of a set of tables is and the key its first line must hold."""

    path: Path
    key: bytes
    #: the tables, resolved: a file whose tables are gone is removed (``prune``)
    tables: tuple[str, ...]
    #: works the key out again (before writing: a table edited meanwhile means no write)
    digest: Callable[[], bytes]


#: what a file holds: the table and its index's ``country_phrases`` (index.PlaceIndex)
Entry = tuple[PlaceTable, dict[tuple[str, ...], str]]


def _digest(paths: Sequence[Path], phrases: Mapping[str, str]) -> bytes:
    """Return the key of the tables: their paths and bytes, the country phrases the index is
    given, and the code that reads them."""
    digest = hashlib.sha256(FORMAT)
    digest.update(_code_fingerprint())
    digest.update(repr(sorted(phrases.items())).encode("utf-8", "surrogateescape"))
    for path in paths:
        data = path.read_bytes()
        digest.update(f"\0{path}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)
    return digest.hexdigest().encode("ascii")


def slot(paths: Sequence[Path], phrases: Mapping[str, str]) -> Slot | None:
    """Return the cache slot of the tables, or None when the cache is off, the tables are small
    or one cannot be read (the reader then reports it)."""
    directory = cache_dir()
    if directory is None or not paths:
        return None
    try:
        if sum(p.stat().st_size for p in paths) < MIN_BYTES:
            return None
        tables = tuple(str(p.resolve()) for p in paths)
        key = _digest(paths, phrases)
    except OSError:
        return None
    where = "\0".join(tables).encode("utf-8", "surrogateescape")
    name = hashlib.sha256(where).hexdigest()[:24]
    return Slot(directory / f"places-{name}.pickle", key, tables, lambda: _digest(paths, phrases))


def read(found: Slot) -> Entry | None:
    """Return what the slot's file holds, or None when it is missing, stale or unreadable."""
    entry = read_file(found.path, found.key)
    if not (
        isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], PlaceTable)
        and isinstance(entry[1], dict)
    ):
        return None
    return entry


def write(found: Slot, entry: Entry) -> bool:
    """Write a table and its country phrases to the slot's file atomically, unless a table was
    edited since the slot was made; return whether it was written. A failure leaves no file."""
    try:
        if found.digest() != found.key:
            return False  # the table read is not the one the key names
    except OSError:
        return False
    owner = "\0".join(found.tables).encode("utf-8", "surrogateescape")
    if not write_file(found.path, found.key, owner, entry):
        return False
    prune(found.path.parent)
    return True


def prune(directory: Path) -> list[Path]:
    """Remove the cache files of tables that no longer exist (a codebook in a temporary
    directory) and temporary files a killed writer left; return them."""
    return prune_files(directory, "places-", _tables_exist)


def _tables_exist(owner: bytes) -> bool:
    return all(Path(t).is_file() for t in owner.decode("utf-8", "surrogateescape").split("\0"))
