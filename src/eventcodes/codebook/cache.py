"""A cache of compiled codebooks on disk, so that a large codebook loads in a fraction of a second.

A large codebook (an imported Phoenix set: 48,000 actor rows, 23,000 patterns) takes a couple
of CPU seconds to read, validate and compile. After the first compile, the codebook and its
compiled matchers are written to one file per codebook directory in the cache directory
(``$EVENTCODES_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventcodes``, else ``~/.cache/eventcodes``);
the next ``load_codebook`` of the same directory reads that file instead.

The file is used only when its key matches: the bytes of every file the codebook is read from
(manifest, tables, the codebooks it extends, views), the directory as given and as resolved,
and the code that reads it (the eventcodes version, the size and time of every module of the
package, Python's and ahocorasick_rs's versions). Anything else (an edited table, another
version, a file that cannot be read or unpickled) is a miss, and the codebook is read from its
tables as without the cache. A cache that cannot be written is skipped silently. Small
codebooks (tables under ``MIN_BYTES``, such as the default one, which loads in a quarter of a
second) are not cached. ``EVENTCODES_CACHE=off`` turns the cache off.

The file is a pickle: keep the cache directory writable only by you (it is created mode 0700).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Codebook

#: bump when what the file holds changes in a way the module fingerprint would not show
FORMAT = b"eventcodes-codebook-cache 1"
#: codebooks whose files total fewer bytes (places and views not counted) are not cached
MIN_BYTES = 1_000_000
_OFF = ("off", "0", "no", "false")
_HEADER_MAX = 4096


@dataclass(frozen=True)
class Slot:
    """Where a codebook's cache file is and the key its first line must hold."""

    path: Path
    key: bytes
    #: the digest of every file the codebook is read from, when the slot was made
    content: str
    #: the codebook directory, resolved: a file whose directory is gone is removed (``prune``)
    directory: str
    #: works the digest out again (before writing: a file edited meanwhile means no write)
    digest: Callable[[], str]


def cache_dir() -> Path | None:
    """Return the cache directory, or None when the cache is turned off (``EVENTCODES_CACHE=off``)."""
    if os.environ.get("EVENTCODES_CACHE", "").strip().lower() in _OFF:
        return None
    explicit = os.environ.get("EVENTCODES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "eventcodes"
    try:
        return Path.home() / ".cache" / "eventcodes"
    except RuntimeError:  # no home directory to be found: no cache
        return None


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """Return a digest of the code that builds a codebook: any edit of a module is a new key."""
    digest = hashlib.sha256(FORMAT)
    package = Path(__file__).resolve().parents[1]
    for module in sorted(package.rglob("*.py")):
        stat = module.stat()
        digest.update(
            f"{module.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode()
        )
    for dist in ("eventcodes", "ahocorasick-rs"):
        try:
            digest.update(f"{dist}={version(dist)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{dist}=?\0".encode())
    digest.update(sys.version.encode())
    return digest.digest()


def slot(
    root: Path, sized: list[Path], digest: Callable[[], str], context: str = ""
) -> Slot | None:
    """Return the cache slot of the codebook in ``root``, or None when the cache is off or the
    codebook is small (the files ``sized`` total under MIN_BYTES). ``digest`` gives the digest of
    every file the codebook is read from (called only for a codebook that is cached); ``context``
    is anything else the loaded codebook depends on."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        if sum(p.stat().st_size for p in sized if p.is_file()) < MIN_BYTES:
            return None
        resolved = str(root.resolve())
        content = digest()
        code = _code_fingerprint()
    except OSError:
        return None
    where = hashlib.sha256(f"{root}\0{resolved}".encode()).hexdigest()[:24]
    parts = [code, content.encode(), str(root).encode(), resolved.encode()]
    parts.append(context.encode())
    key = hashlib.sha256(b"\0".join(parts)).hexdigest().encode("ascii")
    return Slot(directory / f"codebook-{where}.pickle", key, content, resolved, digest)


def read(found: Slot) -> Codebook | None:
    """Return the compiled codebook the slot's file holds, or None when it is missing, stale or
    unreadable (the caller then reads the codebook from its tables)."""
    from .model import Codebook

    codebook = read_file(found.path, found.key)
    if not isinstance(codebook, Codebook) or "compiled" not in vars(codebook):
        return None
    return codebook


def read_file(path: Path, key: bytes) -> object:
    """Return the object a cache file holds when its first line is ``key``, else None (a missing,
    stale, damaged or foreign file is a miss, whatever the error)."""
    try:
        with path.open("rb") as fh:
            if fh.readline(_HEADER_MAX).rstrip(b"\n") != key:
                return None
            fh.readline()  # the owner, for prune
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - a damaged or foreign file is a miss, whatever the error
        return None


#: codebooks loaded from their tables whose compiled form is to be written to their slot
_PENDING: weakref.WeakKeyDictionary[Codebook, Slot] = weakref.WeakKeyDictionary()


def remember(codebook: Codebook, found: Slot) -> None:
    """Note that ``codebook`` is to be written to ``found`` once it has been compiled."""
    _PENDING[codebook] = found


def compiled(codebook: Codebook) -> None:
    """Write a codebook that has just been compiled to its slot, if it has one (once)."""
    found = _PENDING.pop(codebook, None)
    if found is None:
        return
    try:
        unchanged = found.digest() == found.content
    except OSError:
        unchanged = False
    if unchanged:  # no file was edited since the slot was made, while the codebook was read
        write(codebook, found)


def write(codebook: Codebook, found: Slot) -> bool:
    """Write the codebook (with its compiled matchers) to the slot's file atomically; return
    whether it was written. Any failure (no permission, a full disk) leaves no file behind."""
    if not write_file(found.path, found.key, found.directory.encode("utf-8"), codebook):
        return False
    prune(found.path.parent)
    return True


def write_file(path: Path, key: bytes, owner: bytes, entry: object) -> bool:
    """Write ``entry`` to the cache file ``path`` atomically after two header lines, the key and
    the owner (what ``prune_files`` checks still exists); return whether it was written. Any
    failure (no permission, a full disk) leaves no file behind."""
    tmp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(key + b"\n" + owner.hex().encode("ascii") + b"\n")
            pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        return True
    except Exception:  # noqa: BLE001 - the cache is optional: failing to write it changes nothing
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def prune(directory: Path) -> list[Path]:
    """Remove the cache files of codebook directories that no longer exist (a codebook imported
    into a temporary directory) and temporary files a killed writer left; return them."""
    return prune_files(directory, "codebook-", lambda owner: Path(owner.decode("utf-8")).is_dir())


def prune_files(directory: Path, prefix: str, alive: Callable[[bytes], bool]) -> list[Path]:
    """Remove the files named ``prefix*`` in ``directory`` whose owner (their second line) is no
    longer ``alive``, and temporary files a killed writer left over an hour ago; return them."""
    removed = []
    for path in directory.glob(prefix + "*"):
        try:
            if path.suffix == ".tmp":
                gone = time.time() - path.stat().st_mtime > 3600
            else:
                with path.open("rb") as fh:
                    fh.readline(_HEADER_MAX)
                    owner = bytes.fromhex(fh.readline().strip().decode("ascii"))
                gone = not alive(owner)
            if gone:
                path.unlink()
                removed.append(path)
        except (OSError, ValueError):
            continue  # another process's file being replaced, or not ours: leave it
    return removed
