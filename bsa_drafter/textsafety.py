"""Characters a Word document (XML 1.0) cannot hold, found or removed in one place."""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline and carriage return among the C0 controls and nothing else;
# U+FFFE/U+FFFF and lone surrogates are not characters at all.
FORBIDDEN_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def first_forbidden_char(text: str) -> tuple[int, str] | None:
    """Offset and character of the first character XML cannot hold, or None."""
    match = FORBIDDEN_XML_CHARS.search(text)
    return (match.start(), match.group(0)) if match else None


def strip_forbidden_chars(text: str) -> str:
    """Remove the characters XML cannot hold; everything else is kept as it is."""
    return FORBIDDEN_XML_CHARS.sub("", text)
