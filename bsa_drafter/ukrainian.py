"""Ukrainian grammar for the Ukrainian text of our drafts: numbers in words in every case,
nouns that agree with a number, dates, decimals, and the preposition у/в.

Pure tables and functions (no dictionary, nothing to load): the placeholder filler runs on
every keystroke. Case names are those of the clause texts' placeholder formats: nom, gen, dat,
acc, ins, loc, voc. The numerals follow the forms of the 2019 orthography that official texts
use («шести», «шістьма», «п'ятдесятьма», «двохсот»); nouns are inanimate, so the accusative of
a numeral is its nominative (except «одна» -> «одну»).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

Case = Literal["nom", "gen", "dat", "acc", "ins", "loc", "voc"]
Gender = Literal["m", "f", "n"]
CASES: tuple[Case, ...] = ("nom", "gen", "dat", "acc", "ins", "loc", "voc")
_OBLIQUE = ("gen", "dat", "ins", "loc")
MAX_CARDINAL = 999_999


def _forms(nom: str, gen: str, dat: str, ins: str, loc: str, acc: str | None = None) -> dict[str, str]:
    return {"nom": nom, "gen": gen, "dat": dat, "acc": nom if acc is None else acc, "ins": ins, "loc": loc, "voc": nom}


def _tens_like(nom: str, ins: str | None = None) -> dict[str, str]:
    """п'ять, десять, двадцять, п'ятдесят ...: one oblique form in -и, the instrumental in -ьма."""
    stem = nom[:-1] if nom.endswith("ь") else nom
    return _forms(nom, stem + "и", stem + "и", ins or stem + "ьма", stem + "и")


_ZERO = _forms("нуль", "нуля", "нулю", "нулем", "нулі")
_ONE = {
    "m": _forms("один", "одного", "одному", "одним", "одному"),
    "f": _forms("одна", "однієї", "одній", "однією", "одній", acc="одну"),
    "n": _forms("одне", "одного", "одному", "одним", "одному"),
}
_TWO = {
    "m": _forms("два", "двох", "двом", "двома", "двох"),
    "f": _forms("дві", "двох", "двом", "двома", "двох"),
    "n": _forms("два", "двох", "двом", "двома", "двох"),
}
_UNITS: dict[int, dict[str, str]] = {
    3: _forms("три", "трьох", "трьом", "трьома", "трьох"),
    4: _forms("чотири", "чотирьох", "чотирьом", "чотирма", "чотирьох"),
    5: _tens_like("п'ять"),
    6: _forms("шість", "шести", "шести", "шістьма", "шести"),
    7: _forms("сім", "семи", "семи", "сьома", "семи"),
    8: _forms("вісім", "восьми", "восьми", "вісьма", "восьми"),
    9: _tens_like("дев'ять"),
}
_TEENS: dict[int, dict[str, str]] = {
    10: _tens_like("десять"),
    **{
        n: _tens_like(word)
        for n, word in zip(
            range(11, 20),
            "одинадцять дванадцять тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять "
            "дев'ятнадцять".split(),
        )
    },
}
_TENS: dict[int, dict[str, str]] = {
    20: _tens_like("двадцять"),
    30: _tens_like("тридцять"),
    40: _forms("сорок", "сорока", "сорока", "сорока", "сорока"),
    50: _tens_like("п'ятдесят"),
    60: _tens_like("шістдесят"),
    70: _tens_like("сімдесят"),
    80: _tens_like("вісімдесят"),
    90: _forms("дев'яносто", "дев'яноста", "дев'яноста", "дев'яноста", "дев'яноста"),
}
_HUNDREDS: dict[int, dict[str, str]] = {
    100: _forms("сто", "ста", "ста", "ста", "ста"),
    200: _forms("двісті", "двохсот", "двомстам", "двомастами", "двохстах"),
    300: _forms("триста", "трьохсот", "трьомстам", "трьомастами", "трьохстах"),
    400: _forms("чотириста", "чотирьохсот", "чотирьомстам", "чотирмастами", "чотирьохстах"),
    500: _forms("п'ятсот", "п'ятисот", "п'ятистам", "п'ятьмастами", "п'ятистах"),
    600: _forms("шістсот", "шестисот", "шестистам", "шістьмастами", "шестистах"),
    700: _forms("сімсот", "семисот", "семистам", "сьомастами", "семистах"),
    800: _forms("вісімсот", "восьмисот", "восьмистам", "вісьмастами", "восьмистах"),
    900: _forms("дев'ятсот", "дев'ятисот", "дев'ятистам", "дев'ятьмастами", "дев'ятистах"),
}


def _paradigm(singular: dict[str, str], plural: dict[str, str], gender: Gender) -> dict[str, object]:
    return {"sg": singular, "pl": plural, "gender": gender}


# The nouns a number may count in the clause texts (placeholder formats months, years, hours,
# days, weeks) and «тисяча» for the numerals themselves.
NOUNS: dict[str, dict[str, object]] = {
    "months": _paradigm(
        _forms("місяць", "місяця", "місяцю", "місяцем", "місяці"),
        _forms("місяці", "місяців", "місяцям", "місяцями", "місяцях"),
        "m",
    ),
    "years": _paradigm(
        _forms("рік", "року", "року", "роком", "році"), _forms("роки", "років", "рокам", "роками", "роках"), "m"
    ),
    "hours": _paradigm(
        _forms("година", "години", "годині", "годиною", "годині", acc="годину"),
        _forms("години", "годин", "годинам", "годинами", "годинах"),
        "f",
    ),
    "days": _paradigm(_forms("день", "дня", "дню", "днем", "дні"), _forms("дні", "днів", "дням", "днями", "днях"), "m"),
    "weeks": _paradigm(
        _forms("тиждень", "тижня", "тижню", "тижнем", "тижні"),
        _forms("тижні", "тижнів", "тижням", "тижнями", "тижнях"),
        "m",
    ),
    "thousands": _paradigm(
        _forms("тисяча", "тисячі", "тисячі", "тисячею", "тисячі", acc="тисячу"),
        _forms("тисячі", "тисяч", "тисячам", "тисячами", "тисячах"),
        "f",
    ),
}
COUNTED_NOUNS = ("months", "years", "hours", "days", "weeks")


def noun_gender(noun: str) -> Gender:
    return NOUNS[noun]["gender"]  # type: ignore[return-value]


def cardinal(n: int, case: Case = "nom", gender: Gender = "m") -> str:
    """A whole number from 0 to 999 999 in words, in a case, agreeing in gender where Ukrainian
    numerals do (1 and 2): cardinal(24, "gen") == "двадцяти чотирьох",
    cardinal(21, "acc", "f") == "двадцять одну"."""
    if not 0 <= n <= MAX_CARDINAL:
        raise ValueError(f"{n} is outside 0..{MAX_CARDINAL}")
    if n == 0:
        return _ZERO[case]
    words: list[str] = []
    thousands, rest = divmod(n, 1000)
    if thousands:
        words.extend(_below_thousand(thousands, case, "f"))
        words.append(counted(thousands, "thousands", case))
    if rest:
        words.extend(_below_thousand(rest, case, gender))
    return " ".join(words)


def _below_thousand(n: int, case: str, gender: Gender) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append(_HUNDREDS[hundreds * 100][case])
    if 10 <= rest <= 19:
        words.append(_TEENS[rest][case])
        return words
    tens, unit = divmod(rest, 10)
    if tens:
        words.append(_TENS[tens * 10][case])
    if unit == 1:
        words.append(_ONE[gender][case])
    elif unit == 2:
        words.append(_TWO[gender][case])
    elif unit:
        words.append(_UNITS[unit][case])
    return words


def counted(n: int, noun: str, case: Case = "nom") -> str:
    """The form of a noun counted by `n`, when the numeral stands in `case`: after a nominative
    or accusative numeral 1 takes the singular (21 рік), 2-4 the nominative plural (24 години),
    the rest the genitive plural (5 років, 11 місяців); after an oblique numeral the noun
    takes that case, singular after 1 (двадцяти одного року, шести місяців)."""
    paradigm = NOUNS[noun]
    singular: dict[str, str] = paradigm["sg"]  # type: ignore[assignment]
    plural: dict[str, str] = paradigm["pl"]  # type: ignore[assignment]
    last, last_two = n % 10, n % 100
    if case in _OBLIQUE:
        return singular[case] if last == 1 and last_two != 11 else plural[case]
    if 11 <= last_two <= 14:
        return plural["gen"]
    if last == 1:
        return singular[case]
    if 2 <= last <= 4:
        return plural["nom"]
    return plural["gen"]


# --- dates and numbers as figures ----------------------------------------------------------------

MONTHS_GEN = ("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня").split()
NBSP = "\u00a0"
_MONTHS_NOM = "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень".split()


@cache
def month_forms() -> dict[str, int]:
    """Every case form of the months' names, to their number: «липні» -> 7."""
    table: dict[str, int] = {}
    for number, nominative in enumerate(_MONTHS_NOM, start=1):
        if nominative == "лютий":  # declined as an adjective
            forms = ["лютий", "лютого", "лютому", "лютим", "лютім"]
        elif nominative == "листопад":
            forms = ["листопад", "листопада", "листопаду", "листопадом", "листопаді"]
        else:  # січень -> січня, січню, січнем, січні
            stem = nominative[:-3] + "н"
            forms = [nominative, stem + "я", stem + "ю", stem + "ем", stem + "і"]
        table.update(dict.fromkeys(forms, number))
    return table


def format_date(value: dt.date) -> str:
    """«10 листопада 2026 року»."""
    return f"{value.day} {MONTHS_GEN[value.month - 1]} {value.year} року"


def format_decimal(value: int | float) -> str:
    """A number as a Ukrainian text writes it: a decimal comma and groups of three digits
    separated by a no-break space («2,5», «0,25», «1 500»)."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", NBSP).replace(".", ",")


# --- the preposition у / в ---------------------------------------------------------------------

_VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")
_SENTENCE_END = set(".!?:;\n")


def preposition_in(before: str, word: str) -> str:
    """«у» or «в» before `word`, after the text `before`, by the rule of euphony (§ 23 of the
    orthography): «у» before в and ф and clusters such as льв, св, тв, хв, and between
    consonants; «в» between vowels, after a vowel, and before a vowel. Capitalised at the start
    of a sentence."""
    previous = before.rstrip()
    start = not previous or previous[-1] in _SENTENCE_END
    low = word.lower()
    first, second = low[:1], low[1:2]
    if first in ("в", "ф") or (first not in _VOWELS and second == "в") or low.startswith("льв"):
        chosen = "у"
    elif first in _VOWELS:
        chosen = "в"
    elif start or previous[-1] not in _VOWELS:
        chosen = "у"
    else:
        chosen = "в"
    return chosen.upper() if start else chosen


# --- reading numbers written in words ---------------------------------------------------------

NumeralKind = Literal["zero", "unit", "teen", "ten", "hundred"]


@cache
def numeral_words() -> dict[str, tuple[int, NumeralKind]]:
    """Every form of every one-word numeral below a thousand, in every case and gender:
    "шістьма" -> (6, "unit"), "двохсот" -> (200, "hundred")."""
    table: dict[str, tuple[int, NumeralKind]] = {}
    groups: list[tuple[dict[int, dict[str, str]], NumeralKind]] = [
        ({0: _ZERO}, "zero"),
        ({1: _ONE["m"]}, "unit"),
        ({1: _ONE["f"]}, "unit"),
        ({1: _ONE["n"]}, "unit"),
        ({2: _TWO["m"]}, "unit"),
        ({2: _TWO["f"]}, "unit"),
        (_UNITS, "unit"),
        (_TEENS, "teen"),
        (_TENS, "ten"),
        (_HUNDREDS, "hundred"),
    ]
    for numbers, kind in groups:
        for value, forms in numbers.items():
            for form in forms.values():
                table.setdefault(form, (value, kind))
    # older instrumentals that texts still use beside the 2019 forms («шістьома» beside «шістьма»),
    # read but never written
    for form, value in _OLDER_INSTRUMENTALS.items():
        table.setdefault(form, (value, "ten" if value >= 20 else "teen" if value >= 10 else "unit"))
    return table


_OLDER_INSTRUMENTALS = {
    "чотирьома": 4,
    "п'ятьома": 5,
    "шістьома": 6,
    "сімома": 7,
    "вісьмома": 8,
    "дев'ятьома": 9,
    "десятьома": 10,
    **{
        f"{stem}надцятьома": value
        for value, stem in zip(range(11, 20), "оди два три чотир п'ят шіст сім вісім дев'ят".split())
    },
    "двадцятьома": 20,
    "тридцятьома": 30,
    "п'ятдесятьома": 50,
    "шістдесятьома": 60,
    "сімдесятьома": 70,
    "вісімдесятьома": 80,
}


@cache
def thousand_forms() -> frozenset[str]:
    paradigm = NOUNS["thousands"]
    return frozenset({*paradigm["sg"].values(), *paradigm["pl"].values()})  # type: ignore[union-attr]


def read_cardinal(words: list[str]) -> tuple[int, int] | None:
    """The number that the first words of `words` (lower case) spell, and how many words it
    takes: ["двадцяти", "чотирьох", "годин"] -> (24, 2). None when they spell no number."""
    table = numeral_words()
    total, group, used = 0, 0, 0
    last_kind: str | None = None
    order = {"hundred": 3, "ten": 2, "teen": 1, "unit": 0, "zero": 0}
    for word in words:
        if word in thousand_forms() and used:
            total += (group or 1) * 1000
            group, last_kind = 0, None
            used += 1
            continue
        found = table.get(word)
        if found is None:
            break
        value, kind = found
        # a numeral continues the number only from a larger order to a smaller one
        if last_kind is not None and (order[kind] >= order[last_kind] or last_kind in ("teen", "zero")):
            break
        if last_kind == "ten" and kind == "teen":
            break
        group += value
        last_kind = kind
        used += 1
    if not used:
        return None
    return total + group, used
