"""Numbers, periods, amounts, shares and dates in either language, read to comparable values.

"six (6) months" and «шести (6) місяців» are both six months; "EUR 25 million" and
«25 млн EUR» the same amount; "12 July 2023" and «12 липня 2023 року» the same date. A number
in words counts only with a unit or figures beside it ("six months", "six (6)"): without them
words are often idiom («у двох примірниках» for "in duplicate"). Figures inside names ("G7",
"F-16") are names, and a year written as a year («1991 року») is a plain number, as in
English ("of 1991").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from bsa_drafter.models import TextLanguage
from bsa_drafter.ukrainian import COUNTED_NOUNS, NOUNS, month_forms, numeral_words, read_cardinal

Unit = Literal["month", "year", "hour", "day", "week"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One value found in a text, and where. `key` is what is compared across languages."""

    key: tuple[object, ...]
    start: int
    end: int
    text: str


def describe(key: tuple[object, ...]) -> str:
    """A quantity in words a reviewer of either language reads at once."""
    kind = key[0]
    if kind == "count":
        n, unit = key[1], key[2]
        return f"{_number(n)} {unit}{'' if n == 1 else 's'}"
    if kind == "money":
        amount = float(key[1])  # type: ignore[arg-type]
        for size, word in ((1e9, "billion"), (1e6, "million")):
            if amount >= size:
                return f"{key[2]} {amount / size:g} {word}"
        return f"{key[2]} {_number(key[1])}"
    if kind == "percent":
        return f"{_number(key[1])}%"
    if kind == "date":
        day, month, year = key[1], key[2], key[3]
        parts = (day, _MONTHS_EN[month - 1], year)  # type: ignore[operator]
        return " ".join(str(part) for part in parts if part is not None)
    if kind == "month":
        return _MONTHS_EN[int(key[1]) - 1]  # type: ignore[call-overload]
    if kind == "words-figures":
        return f"{key[1]} in words but {key[2]} in figures"
    return _number(key[1])  # type: ignore[arg-type]


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and value >= 10_000:
        return f"{value:,}"
    return str(value)


# --- English -----------------------------------------------------------------------------------

_MONTHS_EN = "January February March April May June July August September October November December".split()
_EN_UNITS = "zero one two three four five six seven eight nine".split()
_EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_VALUES = {
    **{w: i for i, w in enumerate(_EN_UNITS)},
    **{w: 10 + i for i, w in enumerate(_EN_TEENS)},
    **{w: 20 + 10 * i for i, w in enumerate(_EN_TENS)},
}
_EN_BELOW_100 = (
    rf"(?:(?:{'|'.join(_EN_TENS)})(?:[- ](?:{'|'.join(_EN_UNITS[1:])}))?|{'|'.join(_EN_TEENS)}|{'|'.join(_EN_UNITS)})"
)
_EN_WORDS = rf"(?:(?:{'|'.join(_EN_UNITS[1:])})\s+hundred(?:\s+(?:and\s+)?{_EN_BELOW_100})?|{_EN_BELOW_100})"
_EN_DECIMAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT_EN = r"(?P<unit>months?|years?|hours?|days?|weeks?)"
_CURRENCY = r"EUR|USD|GBP|UAH|SEK|NOK|DKK|CHF|PLN|CZK|HUF|RON|BGN|MKD|TRY|CAD|JPY|AUD|ISK"
_SYMBOL = {"€": "EUR", "$": "USD", "us$": "USD", "£": "GBP", "₴": "UAH"}


def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@cache
def _en_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Compiled on first use, as the detectors' patterns are: importing costs nothing."""
    return [
        (
            "date",
            _rx(
                rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{'|'.join(_MONTHS_EN)}),?\s+(?P<y>\d{{4}})\b", 0
            ),
        ),
        ("date", _rx(rf"\b(?P<m>{'|'.join(_MONTHS_EN)})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", 0)),
        ("date", _rx(rf"\b(?P<m>{'|'.join(_MONTHS_EN)})\s+(?P<y>\d{{4}})\b", 0)),
        (
            "money",
            _rx(
                rf"(?P<cur>\b(?:{_CURRENCY})\b|US\$|[€$£₴])\s?(?P<num>{_EN_DECIMAL})"
                rf"(?:\s?(?P<scale>million|billion|thousand|bn|mn|m)\b)?"
            ),
        ),
        (
            "money",
            _rx(
                rf"(?P<num>{_EN_DECIMAL})\s?(?P<scale>million|billion|thousand|bn|mn)?\s*(?:of\s+)?"
                rf"(?P<cur>\b(?:{_CURRENCY})\b|euros?\b|(?:US\s+)?dollars?\b|pounds?(?:\s+sterling)?\b|hryvni?as?\b)"
            ),
        ),
        ("percent", _rx(rf"(?P<num>{_EN_DECIMAL})\s?(?:%|per\s?cent\b|percent\b)")),
        (
            "count",
            _rx(
                rf"\b(?P<num>{_EN_WORDS}|\d{{1,6}})(?:\s*\(\s*(?P<num2>\d{{1,6}}|{_EN_WORDS})\s*\))?"
                rf"(?:\s+|-)(?:calendar\s+)?{_UNIT_EN}\b"
            ),
        ),
        ("paired", _rx(rf"\b(?P<num>{_EN_WORDS})\s*\(\s*(?P<num2>\d{{1,6}})\s*\)")),
        ("month", _rx(rf"\b(?P<m>{'|'.join(m for m in _MONTHS_EN if m != 'May')})\b", 0)),
        ("month", _rx(r"\b(?:in|of|since|until|from|by|before|after|early|late|mid-)\s+(?P<m>May)\b", 0)),
        ("plain", _rx(rf"(?<![\w.,])(?P<num>{_EN_DECIMAL})(?!\w)")),
    ]


def _scale(word: str | None) -> float:
    """ "million", «млн», «мільйонів» -> 1e6 (and so on); no scale word -> 1."""
    word = (word or "").lower()
    if word.startswith(("billion", "bn", "млрд", "мільярд")):
        return 1e9
    if word.startswith(("million", "mn", "млн", "мільйон")) or word == "m":
        return 1e6
    if word.startswith(("thousand", "тис")):
        return 1e3
    return 1.0


def _en_number(text: str) -> float | None:
    text = text.strip().lower()
    if text[:1].isdigit():
        return float(text.replace(",", ""))
    total = 0
    for part in re.split(r"[\s-]+", text):
        if part == "and":
            continue
        if part == "hundred":
            total *= 100
        elif part in _EN_VALUES:
            total += _EN_VALUES[part]
        else:
            return None
    return float(total)


# --- Ukrainian ---------------------------------------------------------------------------------

_UK_DECIMAL = r"\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UK_CURRENCY = rf"\b(?:{_CURRENCY})\b|[€$£₴]|євро\b|долар\w*(?:\s+США)?|фунт\w*(?:\s+стерлінгів)?|гривн\w*"
_UK_SCALE = r"млн\b|млрд\b|тис\.|мільйон\w*|мільярд\w*|тисяч\w*"


@cache
def _uk_patterns() -> list[tuple[str, re.Pattern[str]]]:
    numerals = "|".join(sorted(numeral_words(), key=len, reverse=True))
    words = rf"(?:{numerals})(?:\s+(?:{numerals}|тисяч[аіуюе]?\w*))*"
    unit_forms = sorted(
        {form for noun in COUNTED_NOUNS for number in ("sg", "pl") for form in NOUNS[noun][number].values()},
        key=len,
        reverse=True,
    )  # type: ignore[attr-defined]
    months = "|".join(sorted(month_forms(), key=len, reverse=True))
    return [
        ("date", _rx(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<m>{months})\s+(?P<y>\d{{4}})(?:\s+(?:року|р\.))?")),
        ("date", _rx(rf"\b(?P<m>{months})\s+(?P<y>\d{{4}})(?:\s+(?:року|р\.))?")),
        ("money", _rx(rf"(?P<cur>{_UK_CURRENCY})\s?(?P<num>{_UK_DECIMAL})(?:\s?(?P<scale>{_UK_SCALE}))?")),
        ("money", _rx(rf"(?P<num>{_UK_DECIMAL})\s?(?P<scale>{_UK_SCALE})?\s*(?P<cur>{_UK_CURRENCY})")),
        ("percent", _rx(rf"(?P<num>{_UK_DECIMAL})\s?(?:%|відсот\w*)")),
        (
            "count",
            _rx(
                rf"(?<![\w])(?P<num>{words}|\d{{1,6}})(?:\s*\(\s*(?P<num2>\d{{1,6}}|{words})\s*\))?"
                rf"\s+(?:календарн\w+\s+)?"
                rf"(?P<unit>{'|'.join(unit_forms)})(?!\w)"
            ),
        ),
        ("paired", _rx(rf"(?<![\w])(?P<num>{words})\s*\(\s*(?P<num2>\d{{1,6}})\s*\)")),
        ("month", _rx(rf"(?<![\w])(?P<m>{months})(?!\w)")),
        ("plain", _rx(rf"(?<![\w.,])(?P<num>{_UK_DECIMAL})(?!\w)")),
    ]


@cache
def _uk_units() -> dict[str, Unit]:
    names: dict[str, Unit] = {"months": "month", "years": "year", "hours": "hour", "days": "day", "weeks": "week"}
    table: dict[str, Unit] = {}
    for noun, unit in names.items():
        for number in ("sg", "pl"):
            for form in NOUNS[noun][number].values():  # type: ignore[attr-defined]
                table[form] = unit
    return table


def _uk_number(text: str) -> float | None:
    text = text.strip().lower()
    if text[:1].isdigit():
        return float(re.sub(r"[\u00a0\u202f\u2009 ]", "", text).replace(",", "."))
    parts = text.split()
    found = read_cardinal(parts)
    if found is None or found[1] != len(parts):
        return None
    return float(found[0])


# --- reading -----------------------------------------------------------------------------------


def quantities(text: str, language: TextLanguage) -> list[Quantity]:
    """Every quantity of a text, in reading order; a span is read once, by its most specific
    pattern (a date before its day, an amount before its number)."""
    patterns = _en_patterns() if language == "en" else _uk_patterns()
    number = _en_number if language == "en" else _uk_number
    worth = _worth_trying(text, language)
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []
    for kind, pattern in patterns:
        if kind not in worth:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken) or _inside_a_name(text, start, end):
                continue
            keys = _keys(kind, match, number, language)
            if keys is None:
                continue
            taken.append((start, end))
            found.extend(Quantity(key, start, end, match.group(0)) for key in keys)
    found.sort(key=lambda q: q.start)
    return found


_EN_UNIT_WORDS = ("month", "year", "hour", "day", "week")
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


def _worth_trying(text: str, language: TextLanguage) -> set[str]:
    """The kinds of pattern that can match at all: a cheap look at the words and figures a
    text has saves running every pattern over every block on every keystroke."""
    kinds = set()
    digits = _DIGIT.search(text) is not None
    if language == "en":
        low = text.lower()
        months = any(month in text for month in _MONTHS_EN)
        units = any(unit in low for unit in _EN_UNIT_WORDS)
    else:
        words = set(_LETTERS.findall(text.lower()))
        months = not words.isdisjoint(month_forms())
        units = not words.isdisjoint(_uk_units())
        low = text.lower()
    if digits:
        kinds |= {"money", "plain"}
        if "%" in text or "cent" in low or "відсот" in low:
            kinds.add("percent")
        if months:
            kinds.add("date")
    if units:
        kinds.add("count")
    if "(" in text:
        kinds.add("paired")
    if months:
        kinds.add("month")
    return kinds


def has_singular(text: str, unit: Unit, language: TextLanguage) -> bool:
    """Whether the text names one `unit` without a number: "a month", «протягом року»."""
    if language == "en":
        return re.search(rf"\b{unit}\b", text, re.IGNORECASE) is not None
    singular = {form for form, found in _uk_units().items() if found == unit and form in _uk_singular()}
    return not singular.isdisjoint(_LETTERS.findall(text.lower()))


@cache
def _uk_singular() -> frozenset[str]:
    singulars: list[dict[str, str]] = [NOUNS[noun]["sg"] for noun in COUNTED_NOUNS]  # type: ignore[misc]
    return frozenset(form for forms in singulars for form in forms.values())


def _inside_a_name(text: str, start: int, end: int) -> bool:
    """Figures that are part of a name: "G7", "F-16", "A400M"."""
    before = text[start - 1 : start]
    if before.isalpha() or (before == "-" and text[start - 2 : start - 1].isalpha()):
        return text[start : start + 1].isdigit()
    return text[end - 1 : end].isdigit() and text[end : end + 1].isalpha()


def _keys(  # type: ignore[no-untyped-def]
    kind: str, match: re.Match[str], number, language: TextLanguage
) -> list[tuple[object, ...]] | None:
    groups = match.groupdict()
    if kind in ("date", "month"):
        month = _month(groups["m"], language)
        if kind == "month":
            return [("month", month)]
        day = int(groups["d"]) if groups.get("d") else None
        return [("date", day, month, int(groups["y"]))]
    value = number(groups["num"])
    if value is None:
        return None
    if kind == "money":
        return [("money", round(value * _scale(groups.get("scale")), 2), _currency(groups["cur"]))]
    if kind == "percent":
        return [("percent", value)]
    figures = number(groups["num2"]) if groups.get("num2") else None
    keys: list[tuple[object, ...]] = []
    words_and_figures = figures is not None and not groups["num"].strip()[:1].isdigit()
    if words_and_figures and figures != value:
        keys.append(("words-figures", _clean(value), _clean(figures)))
    if kind == "paired":
        return keys + [("number", _clean(figures if figures is not None else value))]
    if kind == "count":
        unit = _unit(groups["unit"], language)
        if (
            language == "uk"
            and unit == "year"
            and 1800 <= value <= 2200
            and figures is None
            and groups["num"].strip().isdigit()
        ):
            return [("number", _clean(value))]  # a calendar year: «1991 року», «у 2027 році»
        return keys + [("count", _clean(figures if figures is not None else value), unit)]
    return [("number", _clean(value))]


def _clean(value: float | None) -> int | float | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def _month(name: str, language: TextLanguage) -> int:
    if language == "en":
        return _MONTHS_EN.index(name.capitalize()) + 1
    return month_forms()[name.lower()]


def _unit(name: str, language: TextLanguage) -> Unit:
    if language == "en":
        return name.lower().rstrip("s")  # type: ignore[return-value]
    return _uk_units()[name.lower()]


def _currency(text: str) -> str:
    low = text.lower()
    if low in _SYMBOL:
        return _SYMBOL[low]
    if low.startswith(("euro", "євро")):
        return "EUR"
    if low.startswith(("dollar", "us dollar", "долар")):
        return "USD"
    if low.startswith(("pound", "фунт")):
        return "GBP"
    if low.startswith(("hryvn", "гривн")):
        return "UAH"
    return text.upper()
