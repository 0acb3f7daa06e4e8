"""The small markup of clause text: paragraphs, bullets and sub-bullets.

    Lead sentence of the clause:
    - a bullet
      - a sub-bullet
    Another paragraph after a blank line.

Lines that follow a paragraph line without a blank line are the same paragraph (soft wrap).
Runs of ASCII white space become one space; no-break, thin and other Unicode spaces are kept
as typed (a no-break space in "24\u00a0hours" is there on purpose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["paragraph", "bullet", "subbullet"]
_BULLET = re.compile(r"^(\s*)[-•*]\s+(.*)$")
_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def _squash(text: str) -> str:
    if text.isascii():  # the common case, and str.split() is much faster than the pattern
        return " ".join(text.split())
    return _ASCII_SPACE.sub(" ", text).strip(" ")


@dataclass(frozen=True, slots=True)
class TextBlock:
    kind: BlockKind
    text: str


def split_blocks(text: str) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    joinable = False
    for raw in text.replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            joinable = False
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            kind: BlockKind = "subbullet" if len(bullet.group(1).expandtabs(4)) >= 2 else "bullet"
            blocks.append(TextBlock(kind, _squash(bullet.group(2))))
            joinable = True
            continue
        line = _squash(raw)
        if joinable and blocks:
            last = blocks[-1]
            blocks[-1] = TextBlock(last.kind, f"{last.text} {line}")
        else:
            blocks.append(TextBlock("paragraph", line))
        joinable = True
    return blocks


def block_spans(text: str) -> list[tuple[BlockKind, int, int]]:
    """Where each block of `split_blocks(text)` stands in `text`: (kind, start, end), so that
    what is found in a block can be shown in the text as it is written."""
    spans: list[tuple[BlockKind, int, int]] = []
    joinable = False
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw.rstrip("\r"))
        position += len(raw) + 1
        if not raw.strip():
            joinable = False
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            kind: BlockKind = "subbullet" if len(bullet.group(1).expandtabs(4)) >= 2 else "bullet"
            spans.append((kind, start + bullet.start(2), end))
        elif joinable and spans:
            spans[-1] = (spans[-1][0], spans[-1][1], end)
        else:
            spans.append(("paragraph", start + len(raw) - len(raw.lstrip()), end))
        joinable = True
    return spans
