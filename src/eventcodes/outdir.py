"""The output directory of a run: a lock for the length of the run, a work directory beside it, and
the exchange that puts a whole new dataset in place in one step.

For ``-o OUT`` a run uses three names beside OUT, in the same parent directory:

- ``.OUT.eventcodes-lock``: held (``flock``) for the length of the run and holding its pid, so a
  second run into OUT is refused with a message naming the first; the kernel drops the lock
  when the process dies, however it dies;
- ``.OUT.eventcodes-work/``: the new dataset is written there, with ``.eventcodes-run.json`` (the
  journal of its checkpoints, which ``--resume`` continues from) and Parquet parts;
- ``.OUT.eventcodes-swap``: for the moment of the exchange, which directory is the new one;
- ``.OUT.eventcodes-old/``: only where the directories cannot be exchanged in one step.

When the dataset is complete, the work directory and OUT are exchanged with one
``renameat2(RENAME_EXCHANGE)`` (Linux): a reader sees either the previous dataset or the new one,
never a mix. Elsewhere OUT is renamed aside and the work directory renamed to OUT: a process
killed between the two leaves no OUT, and the next run puts the right one back. Files in OUT that
are not part of a dataset (a report, notes) stay: they are hard-linked into the new directory
before the exchange (directories are moved in just after it). Whatever a killed run leaves is
cleaned up, or resumed, by the next run into OUT.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import InputError, OutputLockedError
from .faults import NO_EXCHANGE_VARIABLE, fault_point

WORK_SUFFIX = ".eventcodes-work"
OLD_SUFFIX = ".eventcodes-old"
LOCK_SUFFIX = ".eventcodes-lock"
SWAP_SUFFIX = ".eventcodes-swap"
#: names of a run's own files start with this; they never stay in OUT
INTERNAL_PREFIX = ".eventcodes-"
JOURNAL_NAME = ".eventcodes-run.json"
#: the files of a dataset (dataset.py names them), with those other steps may add to it; an old
#: dataset's copies are deleted, not kept beside a new dataset that has none
DATASET_FILES = frozenset(
    ["events.parquet", "events.csv", "datapackage.json", "summary.json", "rejects.jsonl"]
    + ["load_events.R", "events.gdelt.tsv"]
)
#: temporary files of eventcodes versions that wrote into OUT directly
_LEGACY_TEMP = re.compile(
    r"\.(?:events\.parquet|events\.csv|datapackage\.json|summary\.json|rejects\.jsonl)"
    r"\.[0-9a-f]{12}\.tmp"
)

#: ``renameat2`` flags and the descriptor meaning "relative to the current directory"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def sibling(outdir: Path, suffix: str) -> Path:
    """Return the hidden name beside ``outdir`` that ends in ``suffix``."""
    return outdir.parent / f".{outdir.name}{suffix}"


def output_error(error: OSError, outdir: Path, doing: str) -> InputError:
    """Return the one-line error for an operating-system error while writing a dataset."""
    where = error.filename or outdir
    if error.errno == errno.ENOSPC:
        advice = (
            "free some space on that disk or give -o a directory on another one; "
            f"the previous dataset in {outdir}, if any, is kept as it was"
        )
        return InputError(f"{where}: no space left on the device while {doing}; {advice}")
    if error.errno == errno.EDQUOT:
        return InputError(
            f"{where}: disk quota exceeded while {doing}; free some space or give -o a "
            f"directory elsewhere; the previous dataset in {outdir}, if any, is kept as it was"
        )
    reason = error.strerror or str(error)
    return InputError(
        f"{where}: {reason} while {doing}; give -o a directory you can write to "
        f"(eventcodes needs to create files beside {outdir.name} in {outdir.parent})"
    )


# --- the lock -----------------------------------------------------------------------------------


class OutputLock:
    """An exclusive lock on an output directory, held by this process until ``release``."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.path = sibling(outdir, LOCK_SUFFIX)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise OutputLockedError naming the process that holds it."""
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not _try_lock(fd):
                    pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                    other = f"process {pid}" if pid.isdigit() else "another process"
                    raise OutputLockedError(
                        f"{self.outdir}: another eventcodes run ({other}) is writing to this "
                        f"output directory; wait for it to finish (or stop it), or give -o "
                        f"another directory"
                    )
                # The run that held the lock removes its file when it ends: if that happened
                # between our open and our lock, we hold a lock on a file nobody else sees.
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    break
            except FileNotFoundError:
                pass
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        """Remove the lock file and release the lock (removed first, while it is still held)."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self._fd)
            self._fd = None


def _try_lock(fd: int) -> bool:
    """Return whether an exclusive lock on the open file was taken without waiting."""
    if sys.platform == "win32":  # pragma: no cover - not run on the development machines
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


# --- the journal --------------------------------------------------------------------------------


def read_journal(work: Path) -> dict[str, Any] | None:
    """Return the journal of the run in a work directory; None when it has none (or it is
    unreadable, which only a disk error can make it: journals are replaced in one rename)."""
    try:
        value = json.loads((work / JOURNAL_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def write_journal(work: Path, journal: Mapping[str, object]) -> None:
    """Replace the journal of a work directory in one step, durably."""
    path = work / JOURNAL_NAME
    tmp = work / f"{JOURNAL_NAME}.{uuid.uuid4().hex[:8]}.tmp"
    with open(tmp, "xb") as handle:
        handle.write(json.dumps(journal, sort_keys=True).encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(work)


# --- tidying up and exchanging ------------------------------------------------------------------


def tidy(outdir: Path) -> dict[str, Any] | None:
    """Clean up what interrupted runs left around ``outdir``; return the journal of an unfinished
    run whose work directory is still there (to resume or to discard), else None.

    Call it holding the lock. An interrupted exchange is completed or undone, an old dataset moved
    aside is removed (keeping files that are not part of a dataset), and temporary files of older
    eventcodes versions are deleted.
    """
    work = sibling(outdir, WORK_SUFFIX)
    old = sibling(outdir, OLD_SUFFIX)
    marker = sibling(outdir, SWAP_SUFFIX)
    new = _read_marker(marker)
    sibling(outdir, f"{SWAP_SUFFIX}.tmp").unlink(missing_ok=True)
    if new is not None and _inode(work) == new:
        # The complete new dataset, its journal already removed, not yet in place.
        if os.path.lexists(outdir):
            discard(work)
        else:  # killed between the two renames of the fallback: finish it
            os.rename(work, outdir)
    if old.exists() and not os.path.lexists(outdir):
        os.rename(old, outdir)  # killed between the renames before the new one was complete
    if old.exists():
        retire(old, outdir)
    if outdir.is_dir():
        for entry in os.scandir(outdir):
            if entry.name == JOURNAL_NAME or _LEGACY_TEMP.fullmatch(entry.name):
                Path(entry.path).unlink(missing_ok=True)
    if work.exists():
        journal = read_journal(work)
        if journal is None:  # the previous dataset, exchanged out; or a run killed at its start
            retire(work, outdir)
        else:
            marker.unlink(missing_ok=True)
            return journal
    marker.unlink(missing_ok=True)
    return None


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path, follow_symlinks=False).st_ino
    except OSError:
        return None


def _read_marker(marker: Path) -> int | None:
    try:
        text = marker.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    return int(text) if text.isdigit() else None


def discard(work: Path) -> None:
    """Remove a work directory (it holds a journal: nothing in it is the user's)."""
    shutil.rmtree(work, ignore_errors=True)
    if work.exists():  # pragma: no cover - only when permissions were changed under us
        shutil.rmtree(work)


def retire(directory: Path, outdir: Path) -> None:
    """Remove a directory that held an earlier dataset, moving its other files into ``outdir``."""
    keep_in_outdir = outdir.is_dir()
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        path = Path(entry.path)
        if (
            entry.name in DATASET_FILES
            or entry.name.startswith(INTERNAL_PREFIX)
            or _LEGACY_TEMP.fullmatch(entry.name)
        ):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
        elif keep_in_outdir and not os.path.lexists(outdir / entry.name):
            os.rename(path, outdir / entry.name)
        elif keep_in_outdir and _same_file(path, outdir / entry.name):
            path.unlink()  # linked into the new OUT before the exchange
    try:
        directory.rmdir()
    except OSError:
        # A file of the user's whose name is taken in the new OUT: keep it, under a name that
        # says what it is, and out of the way of the next run.
        kept = sibling(outdir, f".eventcodes-kept-{uuid.uuid4().hex[:8]}")
        os.rename(directory, kept)


def exchange_into_place(work: Path, outdir: Path) -> None:
    """Put the complete dataset in ``work`` at ``outdir`` in one step and remove the previous.

    Before the exchange the inode of the work directory is written beside OUT (``SWAP_SUFFIX``)
    and the journal removed from it: after a kill, the next run tells which directory holds the
    new dataset by the inode, and no journal is left in OUT.
    """
    fault_point("before-swap")
    parent = outdir.parent
    marker = sibling(outdir, SWAP_SUFFIX)
    tmp = sibling(outdir, f"{SWAP_SUFFIX}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(f"{os.stat(work).st_ino}\n".encode("ascii"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, marker)
    for entry in os.scandir(work):  # the journal, and a journal's temporary of a killed run
        if entry.name.startswith(INTERNAL_PREFIX):
            Path(entry.path).unlink()
    fsync_dir(parent)
    aside: Path | None = None
    if not os.path.lexists(outdir):
        os.rename(work, outdir)
    else:
        _link_user_files(outdir, work)
        aside = work
        if not _exchange(work, outdir):
            aside = sibling(outdir, OLD_SUFFIX)
            os.rename(outdir, aside)
            fault_point("between-renames")
            os.rename(work, outdir)
    fsync_dir(parent)
    fault_point("after-swap")
    marker.unlink()
    if aside is not None:
        retire(aside, outdir)


def _link_user_files(outdir: Path, work: Path) -> None:
    """Hard-link the user's own files in OUT (a report, notes) into the new dataset's directory,
    so that they are in OUT at every moment; directories, and files that cannot be linked, are
    moved into the new OUT just after the exchange."""
    for entry in os.scandir(outdir):
        name = entry.name
        if (
            name in DATASET_FILES
            or name.startswith(INTERNAL_PREFIX)
            or _LEGACY_TEMP.fullmatch(name)
            or not entry.is_file(follow_symlinks=False)
            or os.path.lexists(work / name)
        ):
            continue
        try:
            os.link(entry.path, work / name)
        except OSError:
            continue  # a file system without hard links: moved after the exchange instead


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two directories in one step; return False where the system cannot."""
    if sys.platform != "linux" or os.environ.get(NO_EXCHANGE_VARIABLE):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # a C library without renameat2 (glibc < 2.28, musl)
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # a file system that cannot exchange
    raise OSError(code, os.strerror(code), str(b))


def fsync_dir(directory: Path) -> None:
    """Make the renames in a directory durable where the platform allows syncing a directory."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync directories; the renames are done either way
    finally:
        os.close(fd)
