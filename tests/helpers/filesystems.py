"""Folders where writing fails as it does in the field: read-only, or on a full disk.

As root (CI containers), permissions do not stop a write, so the folders are small tmpfs
mounts: one mounted read-only, one filled to the last byte. Without root, a folder without
write permission is read-only for real; a full disk cannot be made, so the last step of
every write (fsync) fails with ENOSPC instead, in this process.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path
from typing import Iterator


def _mount(folder: Path, options: str) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    if _mount(folder, "ro,size=64k"):
        try:
            yield folder
        finally:
            _unmount(folder)
        return
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)


@contextlib.contextmanager
def full_disk(folder: Path, monkeypatch) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)
    if _mount(folder, "size=64k"):
        try:
            filler = folder / "filler"
            with open(filler, "wb", buffering=0) as stream:
                with contextlib.suppress(OSError):
                    while True:
                        stream.write(b"\0" * 4096)
            yield folder
        finally:
            _unmount(folder)
        return
    real_fsync = os.fsync

    def failing_fsync(descriptor: int) -> None:
        if Path(os.readlink(f"/proc/self/fd/{descriptor}")).parent == folder.resolve():
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    yield folder
