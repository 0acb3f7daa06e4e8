"""Word-level diffs and similarity, the one place where the project compares wording.

diff-match-patch works on characters. Each word, punctuation mark and run of white space is
mapped to one private character, the character diff is computed and cleaned up *at that
level* (so edits land on whole words), and only then mapped back to text.
"""

from __future__ import annotations

import re
from typing import Iterable

from diff_match_patch import diff_match_patch

Op = tuple[int, str]  # (-1 deleted | 0 equal | 1 inserted, text)
DELETE, EQUAL, INSERT = -1, 0, 1

_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")
_DMP = diff_match_patch()
_DMP.Diff_Timeout = 2.0


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _encode(a_tokens: list[str], b_tokens: list[str]) -> tuple[str, str, list[str]]:
    table: dict[str, str] = {}
    alphabet: list[str] = []

    def code(token: str) -> str:
        char = table.get(token)
        if char is None:
            point = len(alphabet) + 1
            if point >= 0xD800:
                point += 0x800  # skip the surrogate range
            char = chr(point)
            table[token] = char
            alphabet.append(token)
        return char

    return "".join(map(code, a_tokens)), "".join(map(code, b_tokens)), alphabet


def word_diff(a: str, b: str) -> list[Op]:
    """The word-level edit script from a to b, cleaned up for people to read."""
    if a == b:
        return [(EQUAL, a)] if a else []
    if not a:
        return [(INSERT, b)]
    if not b:
        return [(DELETE, a)]
    encoded_a, encoded_b, alphabet = _encode(tokens(a), tokens(b))
    diffs = _DMP.diff_main(encoded_a, encoded_b, False)
    _DMP.diff_cleanupSemantic(diffs)
    offset = 1
    ops: list[Op] = []
    for op, chars in diffs:
        text = "".join(alphabet[(ord(c) - 0x800 if ord(c) >= 0xE000 else ord(c)) - offset] for c in chars)
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))
    return ops


def similarity_of_ops(ops: Iterable[Op]) -> float:
    """Share of words the two sides have in common (1.0 = same wording, 0.0 = nothing shared)."""
    equal = changed_a = changed_b = 0
    for op, text in ops:
        words = sum(1 for t in _TOKEN.findall(text) if not t.isspace())
        if op == EQUAL:
            equal += words
        elif op == DELETE:
            changed_a += words
        else:
            changed_b += words
    total = 2 * equal + changed_a + changed_b
    return 1.0 if total == 0 else 2 * equal / total


def similarity(a: str, b: str) -> float:
    return similarity_of_ops(word_diff(a, b))


def inline_redline(ops: Iterable[Op], limit: int = 300) -> str:
    """A compact plain-text redline: [-deleted-]{+inserted+}, shortened around the changes."""
    parts = []
    for op, text in ops:
        text = " ".join(text.split()) if not text.isspace() else " "
        if op == EQUAL:
            parts.append(text if len(text) <= 60 else f"{text[:25]} ... {text[-25:]}")
        elif op == DELETE:
            parts.append(f"[-{text}-]")
        else:
            parts.append(f"{{+{text}+}}")
    out = "".join(parts)
    return out if len(out) <= limit else out[: limit - 3] + "..."
