"""Printers' quotes for the exported text: ‘ ’ “ ” instead of the typewriter ' and ".

Clause text is typed (and stored) with straight quotes; a document that goes to a ministry
shows curly ones. The detectors and the diffs treat both alike, so this is only the look.
"""

from __future__ import annotations

import re

# A quote opens at the start of the text or after white space or an opening bracket or dash;
# anywhere else (after a letter, a digit or closing punctuation) it closes, which also makes
# every apostrophe (Ukraine's, Participants') the closing single quote, as in print.
_OPENS_AFTER = r"(?:^|(?<=[\s(\[{\u2014\u2013/-]))"
_OPENING_DOUBLE = re.compile(_OPENS_AFTER + '"')
_OPENING_SINGLE = re.compile(_OPENS_AFTER + "'(?=\\S)")


def curly_quotes(text: str) -> str:
    if "'" not in text and '"' not in text:
        return text
    text = _OPENING_DOUBLE.sub("\u201c", text).replace('"', "\u201d")
    return _OPENING_SINGLE.sub("\u2018", text).replace("'", "\u2019")
