"""A drafting session in another process that edits, writes its recovery copy and dies without
any cleanup (as after kill -9 or a power cut): what the next session finds is real."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from bsa_drafter.editing import DraftSession
    from bsa_drafter.library import load_library
    from bsa_drafter.recovery import RecoveryStore

    library = load_library()
    spec = sys.argv[1]
    session = DraftSession.open(Path(spec), library) if spec else DraftSession.new(library, "Montenegro")
    session.attach_recovery(RecoveryStore(Path(sys.argv[2])) if sys.argv[2] else RecoveryStore())
    exec(sys.argv[3])
    assert session.autosave() is not None
    os._exit(9)
    """
)


def crash_after(spec: Path | None, edit: str, store: Path | None = None) -> None:
    """Edit `spec` (None: a new untitled draft) with the Python statements `edit` (the session
    is `session`), autosave, and die."""
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(spec) if spec else "", str(store) if store else "", edit],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 9, result.stderr
