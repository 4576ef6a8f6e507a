"""Writing output files without destroying anything: the one guard every command that writes a file uses.

`check_output_path` refuses an output path that would destroy data or misbehave: a project file
(by name: `.annotator`, `-wal`, `-shm`, `-journal`, `.open`; by content: any SQLite database; by
identity: the project being read and its companion files, compared by device and inode), a
directory, a device (as root `-o /dev/null` would replace the device), a FIFO, a socket, and a
symbolic link (refused rather than followed or replaced: the user meant either the link or its
target, and guessing wrong loses one of them). `exclusive_temp` creates a temporary file beside a
target with O_EXCL (never through a link planted at its name); `atomic_write` writes through one
and renames it over the target only when everything was written.

The content check reads the file through SQLite (a read-only connection), never with `open()`:
closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's own
connections excepted (SQLite shares one descriptor per file within a process). What can go wrong:
the path can change between the check and the rename (another user with write access to the
folder); the rename never writes through a link, so the worst case is replacing a file that
appeared in between.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

PROJECT_SUFFIXES = (".annotator", "-wal", "-shm", "-journal", ".open")
COMPANIONS = ("", "-wal", "-shm", "-journal", ".open")
TEMP_SUFFIX = ".part"


class UnsafeOutputError(ValueError):
    """An output path that must not be written; the message names it and says what to do."""


def companions(project_path: str | os.PathLike) -> list[Path]:
    """The project file and the files SQLite and annotator keep beside it."""
    p = Path(project_path)
    return [p.with_name(p.name + s) for s in COMPANIONS]


def _real(path: Path) -> Path:
    """`path` with its folder's links resolved (not its own name's)."""
    return Path(os.path.realpath(path.parent)) / path.name


def _same_file(st: os.stat_result, protect: Iterable[str | os.PathLike]) -> str | None:
    for q in protect:
        try:
            other = os.stat(q)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return str(q)
    return None


def _is_sqlite(path: Path) -> bool:
    """Whether a non-empty regular file is an SQLite database (or cannot be checked), read through
    SQLite read-only so that no descriptor this process closes drops a project's locks."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return True
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return True
    except sqlite3.DatabaseError as e:
        return "not a database" not in str(e)
    finally:
        conn.close()


def check_output_path(path: str | os.PathLike, *, protect: Iterable[str | os.PathLike] = ()) -> Path:
    """Return `path` as a Path when a command may create or replace it; raise UnsafeOutputError when not.

    `protect`: the projects the command reads (their companion files are protected too). A missing
    path is fine (its folder is created by the writer); an existing one must be a regular file that
    is neither a project nor any SQLite database.
    """
    out = Path(path)
    guarded = [c for p in protect for c in companions(p)]
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        if _real(out) in {_real(c) for c in guarded}:  # e.g. the project's -wal, which SQLite may create
            raise UnsafeOutputError(f"{out}: is a companion file of the project being read; nothing was "
                                    "written. Choose another output file name") from None
        return out
    except OSError as e:
        raise UnsafeOutputError(f"{out}: cannot be checked ({e.strerror}); choose another output file") from e
    what = None
    if stat.S_ISLNK(st.st_mode):
        what = "a symbolic link (it is not followed or replaced)"
    elif stat.S_ISDIR(st.st_mode):
        what = "a folder"
    elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        what = "a device"
    elif stat.S_ISFIFO(st.st_mode):
        what = "a FIFO (named pipe)"
    elif stat.S_ISSOCK(st.st_mode):
        what = "a socket"
    elif not stat.S_ISREG(st.st_mode):
        what = "not a regular file"
    else:
        same = _same_file(st, guarded)
        if same is not None:
            what = f"the project being read or one of its companion files ({same})"
        elif out.name.endswith(PROJECT_SUFFIXES):
            what = "an annotator project file or one of its companion files (by its name)"
        elif st.st_size > 0 and _is_sqlite(out):
            what = "an SQLite database (perhaps a project)"
    if what:
        raise UnsafeOutputError(f"{out}: is {what}; nothing was written. Choose another output file name")
    return out


def exclusive_temp(target: str | os.PathLike, suffix: str = TEMP_SUFFIX) -> tuple[int, Path]:
    """A new temporary file beside `target`, `.NAME.PID-RANDOM.part` (or another `suffix`), created
    with O_EXCL (so never through a link planted at its name); returns its open descriptor and path.
    Its permissions are any new file's, 0666 less the umask (mkstemp alone would give 0600)."""
    t = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{t.name}.{os.getpid()}-", suffix=suffix, dir=t.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)
    except BaseException:
        os.close(fd)
        os.unlink(name)
        raise
    return fd, Path(name)


@contextmanager
def atomic_write(target: str | os.PathLike, *, binary: bool = False,
                 protect: Iterable[str | os.PathLike] = ()) -> Iterator[IO]:
    """Yield a file to write `target`'s new content into; on success it is flushed to disk and
    renamed over `target`, on any exception removed (the target untouched).

    Raises UnsafeOutputError first when `check_output_path(target, protect=protect)` refuses it.
    """
    t = check_output_path(target, protect=protect)
    t.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = exclusive_temp(t)
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, t)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _refuse_existing(target: Path) -> None:
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    if stat.S_ISREG(st.st_mode) and st.st_size == 0:  # an empty file holds nothing to lose
        return
    raise UnsafeOutputError(f"{target}: already exists; open it instead, or choose another file name")


@contextmanager
def new_file(target: str | os.PathLike) -> Iterator[Path]:
    """Yield the path of a new, empty temporary file beside `target` to build a whole file in (a
    project, through SQLite); when the block ends, it becomes `target`; on any exception it and
    its SQLite companions are removed and `target` is untouched.

    Raises UnsafeOutputError when `target` exists (anything but an empty regular file), before the
    block runs or, if it appeared meanwhile, at the end: a new file never replaces one.
    """
    t = Path(target)
    _refuse_existing(t)
    t.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = exclusive_temp(t)
    os.close(fd)
    try:
        yield tmp
        try:
            os.link(tmp, t)  # fails when `target` exists: no window in which it could be replaced
        except OSError:  # it exists (if empty, it may be replaced), or no hard links on this file system
            _refuse_existing(t)
            os.replace(tmp, t)
    finally:
        for c in companions(tmp)[:4]:  # the file (when linked or failed), -wal, -shm, -journal
            c.unlink(missing_ok=True)
