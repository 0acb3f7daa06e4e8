"""Every file the tool reads or writes goes through here.

Reading refuses what cannot be an input (a folder, a FIFO or device, a symlink loop, a file
larger than the limit, counted in bytes actually read). Writing is atomic (a temporary file
beside the target, fsync, rename), and this is the single place where an operating-system
error becomes a message a person understands: every failed write is a BadInput naming the
path, so the command line exits 2 and the app shows the reason, and nothing half-written is
left behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

from bsa_drafter.errors import BadInput, Problem

_UMASK = os.umask(0o022)
os.umask(_UMASK)

# Temporary files carry this prefix, so that ones left by a killed process can be recognised
# and removed on the next run; the target's name is shortened so the temporary name stays
# within the 255 bytes a file name may have, whatever the target's own length.
TEMP_PREFIX = ".bsa-tmp-"
_TEMP_NAME_BYTES = 60
STALE_TEMP_SECONDS = 60.0

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "is a folder, not a file",
    errno.ELOOP: "too many symbolic links (a symlink loop?)",
    errno.ENOENT: "no such file or folder",
    errno.EXDEV: "cannot move a file across file systems",
    errno.EIO: "input/output error",
    errno.EFBIG: "the file is too large for the file system",
}


def os_reason(exc: OSError) -> str:
    """What an operating-system error means, in words."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()


def write_problem(path: Path | str, exc: OSError, what: str = "") -> Problem:
    target = f"{what} " if what else ""
    return Problem(str(path), None, f"cannot write the {target}file: {os_reason(exc)}".replace("the  ", "the "))


# --- reading ------------------------------------------------------------------------------


def read_bytes(path: Path | str, *, max_bytes: int, what: str) -> bytes:
    """The bytes of a regular file, refusing anything else, and at most `max_bytes` of them
    (counted while reading, so /dev/zero or a growing file cannot exhaust memory)."""
    label = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise BadInput(Problem(label, None, f"no such file: expected an existing {what}")) from None
    except IsADirectoryError:
        raise BadInput(Problem(label, None, f"is a folder: expected a {what} file")) from None
    except OSError as exc:
        raise BadInput(Problem(label, None, f"cannot read the file: {os_reason(exc)}")) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise BadInput(Problem(label, None, f"is a folder: expected a {what} file"))
        if not stat.S_ISREG(info.st_mode):
            kind = "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device or special file"
            raise BadInput(Problem(label, None, f"is {kind}, not a regular file: expected a {what} file"))
        if info.st_size > max_bytes:
            raise BadInput(Problem(label, None, _too_large(info.st_size, max_bytes, what)))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(descriptor, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise BadInput(Problem(label, None, _too_large(total, max_bytes, what, at_least=True)))
        return b"".join(chunks)
    except OSError as exc:
        raise BadInput(Problem(label, None, f"cannot read the file: {os_reason(exc)}")) from None
    finally:
        os.close(descriptor)


def _too_large(size: int, limit: int, what: str, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"file is too large ({more}{size / 1_000_000:.1f} MB): a {what} is at most {limit / 1_000_000:g} MB"


def read_text_file(path: Path | str, *, max_bytes: int, what: str) -> str:
    """A UTF-8 text file, refusing what cannot be one: missing, huge, binary, mis-encoded."""
    return decode_text(read_bytes(path, max_bytes=max_bytes, what=what), str(path), what)


def decode_text(raw: bytes, label: str, what: str) -> str:
    """UTF-8 text from bytes, refusing binary data and other encodings with the line."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise BadInput(Problem(label, line, f"binary data (a NUL byte): expected a UTF-8 {what}"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadInput(
            Problem(label, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save the {what} as UTF-8")
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


# --- writing ------------------------------------------------------------------------------


def atomic_write_bytes(path: Path | str, data: bytes, *, what: str = "", sync_folder: bool = True) -> Path:
    """Write to a temporary file beside `path`, fsync it, and rename it into place. A failure
    of any kind is a BadInput naming the path; the target is then untouched. A batch that
    writes many files into one folder may sync the folder once after them (sync_folder=False,
    then fsync_folder)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    temporary: str | None = None
    try:
        if not directory.is_dir():
            _refuse_file_in_path(directory)
            directory.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder")
        short = os.fsencode(path.name)[:_TEMP_NAME_BYTES].decode("utf-8", "ignore")
        handle, temporary = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{short}.", suffix=".tmp", dir=directory)
        # mkstemp makes the file private (0600); a replaced file keeps its mode, a new one gets
        # the ordinary mode for new files
        os.fchmod(handle, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise BadInput(write_problem(path, exc, what)) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    if sync_folder:
        fsync_folder(directory)
    return path


def _refuse_file_in_path(directory: Path) -> None:
    """A folder that would have to be made under a file: say so (mkdir says only 'exists')."""
    for ancestor in (directory, *directory.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a folder")
            return


def atomic_write_text(path: Path | str, text: str, *, what: str = "") -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), what=what)


def fsync_folder(directory: Path) -> None:
    """Make the renames into a folder durable."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename itself is still atomic


class ChangedOnDisk(Exception):
    """The file changed since it was read; writing would overwrite someone else's work."""


@contextlib.contextmanager
def folder_lock(directory: Path) -> Iterator[None]:
    """An exclusive lock on a folder, held while a file in it is checked and replaced, so that
    two processes saving the same file cannot both pass the check. Where the file system has
    no locks, the content check still runs, only without the lock."""
    try:
        descriptor = os.open(directory, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def replace_if_unchanged(path: Path | str, data: bytes, expected: bytes | None, *, what: str = "") -> Path:
    """Atomically replace `path` with `data` if its content is still `expected` (None: the file
    must not exist). Check and rename happen under one lock; otherwise ChangedOnDisk."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    with folder_lock(directory):
        try:
            current: bytes | None = path.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise BadInput(Problem(str(path), None, f"cannot read the file: {os_reason(exc)}")) from None
        if current != expected:
            raise ChangedOnDisk(str(path))
        return atomic_write_bytes(path, data, what=what)


def remove_stale_temporaries(directory: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Remove temporary files that a killed run left behind in `directory`; returns how many."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(".tmp"):
            try:
                if (
                    entry.is_file(follow_symlinks=False)
                    and now - entry.stat(follow_symlinks=False).st_mtime > older_than
                ):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


# --- output paths -------------------------------------------------------------------------


def check_output_file(
    path: Path,
    *,
    suffixes: tuple[str, ...],
    inputs: Iterable[Path] = (),
    force: bool = True,
    what: str = "file",
) -> Path:
    """Refuse an output path before any work is done: wrong suffix, a folder, an existing file
    without --force, one of the inputs, or a folder that cannot exist or be written."""
    label = str(path)
    if suffixes and path.suffix.lower() not in suffixes:
        raise BadInput(Problem(label, None, f"expected a {' or '.join(suffixes)} file name for the {what}"))
    if len(os.fsencode(path.name)) > 255:  # before any look at the path, which would fail on it
        raise BadInput(Problem(label, None, "the file name is too long (at most 255 bytes)"))
    if path.is_dir():
        raise BadInput(Problem(label, None, f"is a folder: expected a file name for the {what}"))
    if not force and path.exists():
        raise BadInput(Problem(label, None, "already exists: not overwritten (use --force to replace it)"))
    resolved = _resolve(path)
    for source in inputs:
        if _resolve(source) == resolved:
            raise BadInput(Problem(label, None, "is one of the inputs: choose another name"))
    check_output_folder(path.parent if str(path.parent) else Path("."), create=False)
    return path


def check_output_folder(directory: Path, *, create: bool = True) -> Path:
    """A folder that outputs can be written into; created when missing (if asked)."""
    label = str(directory)
    existing = directory
    while not existing.exists():
        parent = existing.parent
        if parent == existing:
            break
        existing = parent
    if existing.exists() and not existing.is_dir():
        raise BadInput(Problem(label, None, f"{existing} is a file, not a folder: choose another output folder"))
    if existing.exists() and not os.access(existing, os.W_OK | os.X_OK):
        raise BadInput(Problem(label, None, f"cannot write in {existing}: permission denied"))
    if create:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput(Problem(label, None, f"cannot create the folder: {os_reason(exc)}")) from None
    return directory


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop resolves nowhere
        return path.absolute()
