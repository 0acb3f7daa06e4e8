"""Short excerpts of text for people to read: cut between words, never inside one, with
"…" (or "...") where something was left out."""

from __future__ import annotations

ELLIPSIS = "\u2026"


def shorten(text: str, limit: int, mark: str = ELLIPSIS) -> str:
    """At most `limit` characters on one line, cut at the last space that keeps it within the
    limit; a word longer than half the room is cut where it must be."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = max(1, limit - len(mark))
    cut = text[:room]
    if text[room] != " " and " " in cut[room // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + mark


def around(text: str, start: int, end: int, width: int = 60, mark: str = "...") -> str:
    """The words from about `width` characters before `start` to about `width` after `end`,
    widened or narrowed to whole words, with `mark` where the text goes on."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0 and not text[left - 1].isspace():
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text) and not text[right].isspace():
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    snippet = " ".join(text[left:right].split())
    return (mark if left else "") + snippet + (mark if right < len(text) else "")
