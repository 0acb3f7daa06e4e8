"""Recovery copies: what the drafting app writes a few seconds after each change, so that a
crash loses nothing.

Every running session writes its own copy (a new file name per session, in a folder per spec
or in the folder of untitled drafts), so a copy left by a crash is never overwritten by the
next session, whatever the user answers or does not answer about it. A session holds a lock
on its copy while it runs: copies whose lock is free were left behind and are offered; a copy
that holds exactly what the spec holds has nothing to recover and is removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from bsa_drafter.files import atomic_write_text

_HEADER = "# bsa-drafter recovery copy of "
_UNTITLED = "untitled drafts"


def recovery_root() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "bsa-drafter" / "recovery"


def _folder_for(root: Path, spec_path: Path | None) -> Path:
    if spec_path is None:
        return root / "untitled"
    resolved = str(spec_path.absolute().resolve())
    key = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", spec_path.stem)[:40] or "draft"
    return root / f"{stem}-{key}"


@dataclass(frozen=True)
class RecoveryCopy:
    """A copy left behind by a session that did not close normally."""

    path: Path
    spec_path: str  # the spec it belongs to ("untitled drafts" for a draft never saved)
    written: dt.datetime
    text: str  # the spec as it was, in TOML

    def discard(self) -> None:
        for path in (self.path, _lock_path(self.path)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _lock_path(copy: Path) -> Path:
    return copy.with_name(copy.name + ".lock")


def _is_live(copy: Path) -> bool:
    """A running session holds the lock of its copy."""
    try:
        descriptor = os.open(_lock_path(copy), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # also releases the lock we may have taken
    return False


class RecoveryStore:
    def __init__(self, root: Path | None = None):
        self.root = root or recovery_root()

    def left_behind(self, spec_path: Path | None) -> list[RecoveryCopy]:
        """Copies for this spec (or for untitled drafts) left by sessions that are not running,
        newest first."""
        folder = _folder_for(self.root, spec_path)
        copies = []
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return []
        for name in names:
            path = folder / name
            if not name.endswith(".toml") or _is_live(path):
                continue
            try:
                text = path.read_text(encoding="utf-8")
                written = dt.datetime.fromtimestamp(path.stat().st_mtime)
            except (OSError, UnicodeDecodeError):
                continue
            first, _, body = text.partition("\n")
            owner = first[len(_HEADER) :] if first.startswith(_HEADER) else "?"
            copies.append(RecoveryCopy(path, owner, written, body if first.startswith(_HEADER) else text))
        copies.sort(key=lambda c: c.written, reverse=True)
        return copies

    def writer(self, spec_path: Path | None) -> RecoveryWriter:
        return RecoveryWriter(self, spec_path)


class RecoveryWriter:
    """The recovery copy of one running session. Its file name is its own (time and process),
    and it holds a lock on it while the session runs."""

    def __init__(self, store: RecoveryStore, spec_path: Path | None):
        self.store = store
        self.spec_path = spec_path
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        self.path = _folder_for(store.root, spec_path) / f"{stamp}-{os.getpid()}-{id(self) & 0xFFFF:04x}.toml"
        self._lock: int | None = None
        self.written = False

    def _hold_lock(self) -> None:
        if self._lock is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = os.open(_lock_path(self.path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def write(self, spec_text: str) -> Path:
        self._hold_lock()
        owner = str(self.spec_path.absolute()) if self.spec_path else _UNTITLED
        atomic_write_text(self.path, f"{_HEADER}{owner}\n{spec_text}", what="recovery copy")
        self.written = True
        return self.path

    def discard(self) -> None:
        """Remove the copy (the work is saved, or was deliberately dropped)."""
        for path in (self.path, _lock_path(self.path)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
        self.written = False
