"""List markers: the number, letter or bullet that opens a numbered paragraph or a list item of
an agreement ("3.", "3.1.", "(2)", "b)", "(iv)", "•", "–", Word's "o"). The reader of plain text,
the clause map, the precedent search, the round import and the rebuilding of a spec from a text
all recognise them with this one pattern, so that they agree on what is a marker and what is
the text.

(Our own clause markup, "- " for a bullet, is another thing: see textblocks.)"""

from __future__ import annotations

import re

BULLETS = "•●▪·◦\\-–*"  # in a character class: the dash is escaped
# "(2)", "(b)", "(iv)", "(IX)": not "(ICC)" or "(JBIC)", an acronym that a wrapped line may start with
_IN_BRACKETS = r"\((?:\d{1,3}|[a-z]|[ivx]{1,5}|[IVX]{1,5})\)"
MARKER = re.compile(rf"^\s*(?:\d{{1,3}}(?:\.\d{{1,2}})*[.)]|{_IN_BRACKETS}|[a-z][.)]|[{BULLETS}]|o(?=\s+[a-z]))\s+")


def without_marker(text: str) -> str:
    """The text after its list marker, if it opens with one."""
    return MARKER.sub("", text, count=1)
