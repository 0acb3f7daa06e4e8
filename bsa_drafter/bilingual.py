"""The two texts of a clause: how their blocks line up, and whether one has fallen behind.

Every clause has an English and a Ukrainian text, in the library and, where a negotiator
edits them, in the draft spec. Editing one text makes the other *stale* until it is updated
or the negotiator confirms that it still says the same. What was last known to match is kept
in the spec as a `confirmed` marker: the hashes of both texts at that moment,

    confirmed = "en:3f2a9c0d41be uk:77c01e5a9f30"

so the state survives saving and reopening and the file stays byte-stable. A side written as
`*` follows the other: after the Ukrainian was updated to a changed English
(`en:<hash> uk:*`), further work on the Ukrainian keeps it in step until the English changes
again or the pair is confirmed. Without a marker, a library clause's baseline is its
variant's two texts; a custom clause without one has nothing to compare with and is in step.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from bsa_drafter.models import Staleness, TextLanguage
from bsa_drafter.textblocks import TextBlock, split_blocks

FOLLOWS = "*"
_MARKER = re.compile(r"^en:([0-9a-f]{12}|\*) uk:([0-9a-f]{12}|\*)$")


def text_hash(text: str) -> str:
    """12 hex digits of SHA-256 over the text with its white space collapsed: re-wrapping a
    paragraph is no edit."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Marker:
    en: str  # a hash, or FOLLOWS
    uk: str

    def __str__(self) -> str:
        return f"en:{self.en} uk:{self.uk}"

    @classmethod
    def parse(cls, marker: str) -> Marker:
        match = _MARKER.match(marker)
        if match is None:
            raise ValueError(f"not a confirmation marker: {marker!r}")
        return cls(match.group(1), match.group(2))

    @classmethod
    def of(cls, english: str, ukrainian: str) -> Marker:
        return cls(text_hash(english), text_hash(ukrainian))


def translation_state(english: str, ukrainian: str, baseline: Marker | None) -> Staleness | None:
    """How the two texts stand: None (in step), "uk" (the English changed since the baseline,
    the Ukrainian did not follow), "en" (the other way round), "both" (both changed since they
    were last known to match: someone has to read them side by side) or "missing"."""
    if not ukrainian.strip():
        return "missing"
    if baseline is None:
        return None
    english_changed = baseline.en != FOLLOWS and text_hash(english) != baseline.en
    ukrainian_changed = baseline.uk != FOLLOWS and text_hash(ukrainian) != baseline.uk
    if english_changed and ukrainian_changed:
        return "both"
    if english_changed:
        return "uk"
    if ukrainian_changed:
        return "en"
    return None


def marker_after_edit(side: TextLanguage, english: str, ukrainian: str, baseline: Marker | None) -> Marker | None:
    """The baseline to keep when `side` is about to be edited (texts as they are before it):
    editing the stale side updates it, so it follows the other from now on; a pair with no
    baseline (a custom clause written both ways) is taken as it stands, so that the edit
    makes the other side stale."""
    state = translation_state(english, ukrainian, baseline)
    if state == side or (state == "missing" and side == "uk"):
        return Marker(text_hash(english), FOLLOWS) if side == "uk" else Marker(FOLLOWS, text_hash(ukrainian))
    if baseline is None and ukrainian.strip():
        return Marker.of(english, ukrainian)
    return baseline


STATE_TEXT: dict[str, str] = {
    "uk": "the English was edited since the Ukrainian was last confirmed",
    "en": "the Ukrainian was edited since the English was last confirmed",
    "both": "both texts were edited since they were last confirmed to match",
    "missing": "there is no Ukrainian text",
}


# --- blocks -------------------------------------------------------------------------------------


def aligned_blocks(english: str, ukrainian: str) -> list[tuple[TextBlock | None, TextBlock | None]]:
    """The paragraphs, bullets and sub-bullets of both texts side by side, by position (the
    same numbering in both languages); a block one text lacks is None."""
    left, right = split_blocks(english), split_blocks(ukrainian)
    return [
        (left[i] if i < len(left) else None, right[i] if i < len(right) else None)
        for i in range(max(len(left), len(right)))
    ]


_KIND_NAME = {"paragraph": "paragraph", "bullet": "bullet", "subbullet": "sub-bullet"}


def structure_difference(english: str, ukrainian: str) -> str | None:
    """Where the Ukrainian's blocks part from the English's, in words, or None."""
    left = [b.kind for b in split_blocks(english)]
    right = [b.kind for b in split_blocks(ukrainian)]
    if left == right:
        return None
    for index, (a, b) in enumerate(zip(left, right)):
        if a != b:
            return f"block {index + 1} is a {_KIND_NAME[a]} in the English and a {_KIND_NAME[b]} in the Ukrainian"
    return f"the English has {_count(left)}, the Ukrainian {_count(right)}"


def _count(kinds: list[str]) -> str:
    return f"{len(kinds)} block{'s' if len(kinds) != 1 else ''} (paragraphs, bullets and sub-bullets)"
