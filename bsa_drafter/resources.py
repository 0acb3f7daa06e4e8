"""Where the bundled clause library and DOCX template are found.

A built wheel carries them inside the package (`_data/`); a source checkout or an editable
install uses the folders at the top of the repository, where people edit them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
