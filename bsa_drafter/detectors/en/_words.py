"""English vocabulary shared by the detectors: numbers, the agreement, the sides, NATO."""

from __future__ import annotations

import re

from bsa_drafter.detectors.text import W, rx  # noqa: F401 (W: the word gap the English patterns import from here)

# the numbers from one to nineteen, which other readers of English numbers use too
UNIT_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER_WORDS = {**UNIT_WORDS, **_TENS, "a": 1, "an": 1, "single": 1, "hundred": 100}

# Number words written compactly: these patterns are part of many others, and their length is
# what compiling the detectors costs.
_ONE_TO_NINE = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_UNIT_WORD = rf"(?:(?:thir|four|fif|six|seven|eigh|nine)teen|eleven|twelve|ten|{_ONE_TO_NINE})"
_TEN_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
# "six", "twenty-four", "twenty four", "seventy-two"
NUM_WORD = rf"(?:{_TEN_WORD}(?:[- ]{_ONE_TO_NINE})?|{_UNIT_WORD})"
# "six", "6", "six (6)", "6 (six)": the number in brackets repeats the one before it
NUMBER = rf"(?:{NUM_WORD}|\d{{1,3}})(?:\s*\([\w -]{{1,16}}\))?"

AGREEMENT = (
    r"(?:this|the|present|said|our)\s+(?:(?:present|bilateral|security|co-?operation)\s+){0,3}"
    r"(?:agreement|accord|arrangement|memorandum|declaration|document|treaty|compact)"
    # not another agreement named by its title ("the Agreement on the Supply of ...", "the Agreement
    # with Canada"), while "this Agreement on six months' notice" is ours. Kept short: it is part
    # of many patterns, and every character here is compiled many times over.
    r"(?!\s+(?:on|for|concerning|regarding|between|with)\s+(?:the\s+)?(?-i:[A-Z])(?!kraine))(?!-)"
)
AGREEMENT_OR_IT = rf"(?:{AGREEMENT}|\bit\b)"
SIDE = r"(?:participants?|part(?:y|ies)|sides?|signator(?:y|ies)|states?|governments?|countr(?:y|ies))"
NATO = r"(?:\bNATO\b|North\s+Atlantic\s+(?:Treaty\s+)?(?:Organi[sz]ation|Alliance)|\bthe\s+Alliance\b)"
NATO_REF = rx(NATO)
# negation, including the fused forms "cannot" and "can't" where "\bnot" does not match
NEGATION = r"(?:\bnot\b|\bcannot\b|\bcan't\b|n't\b|\bnever\b|\bno\s+longer\b)"

_DIGITS = re.compile(r"\d{1,3}")
_WORD = re.compile(r"[a-z]+(?:[- ][a-z]+)?")


def parse_number(text: str) -> int | None:
    """'six (6)' -> 6, '10 (ten)' -> 10, 'twenty-four' -> 24, 'a' -> 1."""
    text = text.strip().lower()
    digits = _DIGITS.search(text)
    if digits:
        return int(digits.group(0))
    word = _WORD.match(text)
    if not word:
        return None
    parts = re.split(r"[- ]", word.group(0))
    first = _NUMBER_WORDS.get(parts[0])
    if first is None:
        return None
    if len(parts) > 1 and first in _TENS.values() and parts[1] in UNIT_WORDS:
        return first + UNIT_WORDS[parts[1]]
    return first


def number_word_value(word: str) -> float | None:
    """The value of a number written in words, up to the hundreds: 'two', 'one hundred and fifty'."""
    total, current = 0, 0
    for part in re.split(r"[-\s]+|\band\b", word.lower()):
        if not part:
            continue
        if part in UNIT_WORDS:
            current += UNIT_WORDS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part in ("a", "an"):
            current += 1
        else:
            return None
    total += current
    return float(total) if total else None
