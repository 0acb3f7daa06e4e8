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
from typing import Iterator, Literal

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


def bullet_of(line: str) -> tuple[BlockKind, int] | None:
    """A line of clause text that opens a bullet ("- ", "• " or "* "; indented two spaces or more:
    a sub-bullet): its kind and where its words start. None for any other line."""
    bullet = _BULLET.match(line)
    if bullet is None:
        return None
    return ("subbullet" if len(bullet.group(1).expandtabs(4)) >= 2 else "bullet"), bullet.start(2)


def _lines(text: str) -> Iterator[tuple[BlockKind | None, str, int, int]]:
    """The lines of `text` that are not blank, each with its kind ("paragraph", "bullet" or
    "subbullet"; None where it goes on the block before it), its words, and where they start and
    end in `text`. A line ends at "\n", and a "\r" just before it is not part of the line."""
    joinable = False
    position = 0
    for raw in text.split("\n"):
        start = position
        position += len(raw) + 1
        line = raw[:-1] if raw.endswith("\r") and position <= len(text) else raw
        if not line.strip():
            joinable = False
            continue
        end = start + len(line.rstrip("\r"))
        bullet = bullet_of(line)
        if bullet:
            kind, words = bullet
            yield kind, line[words:], start + words, end
        elif joinable:
            yield None, line, start, end
        else:
            yield "paragraph", line, start + len(line) - len(line.lstrip()), end
        joinable = True


def split_blocks(text: str) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    for kind, words, _, _ in _lines(text):
        if kind is None:
            last = blocks[-1]
            blocks[-1] = TextBlock(last.kind, f"{last.text} {_squash(words)}")
        else:
            blocks.append(TextBlock(kind, _squash(words)))
    return blocks


def block_spans(text: str) -> list[tuple[BlockKind, int, int]]:
    """Where each block of `split_blocks(text)` stands in `text`: (kind, start, end), so that
    what is found in a block can be shown in the text as it is written."""
    spans: list[tuple[BlockKind, int, int]] = []
    for kind, _, start, end in _lines(text):
        if kind is None:
            spans[-1] = (spans[-1][0], spans[-1][1], end)
        else:
            spans.append((kind, start, end))
    return spans
