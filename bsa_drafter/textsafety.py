"""Characters that have no place in agreement text, found or removed in one place: those a
Word document (XML 1.0) cannot hold, and the terminal controls (DEL, C1) that XML would allow
but that could drive a terminal when text is echoed."""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline and carriage return among the C0 controls and nothing else;
# U+FFFE/U+FFFF and lone surrogates are not characters at all; DEL and the C1 block (CSI is
# U+009B) are legal XML but only ever terminal controls.
FORBIDDEN_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def first_forbidden_char(text: str) -> tuple[int, str] | None:
    """Offset and character of the first character XML cannot hold, or None."""
    match = FORBIDDEN_XML_CHARS.search(text)
    return (match.start(), match.group(0)) if match else None


def strip_forbidden_chars(text: str) -> str:
    """Remove the characters XML cannot hold; everything else is kept as it is."""
    return FORBIDDEN_XML_CHARS.sub("", text)
