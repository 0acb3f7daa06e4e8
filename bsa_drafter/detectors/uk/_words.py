"""Ukrainian vocabulary shared by the detectors: numbers in words in every case, the agreement,
the sides, NATO, negation and the future.

Ukrainian inflects: a noun has seven cases in two numbers, and a numeral agrees with what it
counts («шість місяців», «шести місяців», «шістьма місяцями»). The patterns match stems with
the endings a word may take, written as classes, rather than lemmas from a dictionary: they
run on every keystroke of a bilingual draft. Texts are normalised first (`text.normalise`), so
the apostrophe is always "'" (’ and ʼ become ') and dashes are "-".
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.text import W, rx  # noqa: F401 (W: the word gap the Ukrainian patterns import from here)
from bsa_drafter.ukrainian import numeral_words, read_cardinal

# Every form of the numbers below a thousand, as a pattern: stems with their ending classes (the
# forms themselves, and how a number is read from them, are `bsa_drafter.ukrainian`'s; a test
# checks that this pattern matches every one of them).
_TEENS = r"(?:оди|два|три|чотир|п'ят|шіст|сім|вісім|дев'ят)надцят"
_UNIT_WORD = (
    r"(?:нул(?:ь|я|ю|ем|і)|од(?:ин|н(?:а|е|у|ого|ієї|ому|ій|им|ією))|дв(?:а|і|ох|ом|ома)|тр(?:и|ьох|ьом|ьома)"
    r"|чотир(?:и|ьох|ьом|ма|ьома)|ш(?:ість|ести|істьма|істьома)|с(?:ім|еми|ьома|імома)|в(?:ісім|осьми|ісьма|ісьмома)"
    rf"|(?:п'ят|дев'ят|десят|{_TEENS})(?:ь|и|ьма|ьома))"
)
_TEN_WORD = r"(?:(?:двадцят|тридцят)(?:ь|и|ьма|ьома)|сорока?|(?:п'ят|шіст|сім|вісім)десят(?:и|ьма|ьома)?|дев'яност[оа])"
_HUNDRED_WORD = (
    r"(?:ст[оа]|дв(?:істі|охсот|омстам|омастами|охстах)|тр(?:иста|ьохсот|ьомстам|ьомастами|ьохстах)"
    r"|чотир(?:иста|ьохсот|ьомстам|мастами|ьохстах)|(?:п'ят|шест|сем|восьм|дев'ят)ис(?:от|там|тах)"
    r"|(?:п'ят|шіст|сім|вісім|дев'ят)сот|(?:п'ять|шість|сьо|вісь|дев'ять)мастами)"
)
_BELOW_HUNDRED = rf"(?:{_TEN_WORD}|{_UNIT_WORD})"
# "шість", "двадцяти чотирьох", "п'ятсот", "сто двадцять п'ять": up to three number words, each
# alternative written once (these patterns are part of many others, and their length is what
# compiling the detectors costs); which words make one number is read by `parse_number`
NUM_WORD = rf"(?:{_HUNDRED_WORD}|{_BELOW_HUNDRED})(?:\s+(?:{_HUNDRED_WORD}|{_BELOW_HUNDRED})){{0,2}}(?![\w'])"
# a period's number below a hundred: "шести", "двадцяти чотирьох"
PERIOD_WORD = rf"{_BELOW_HUNDRED}(?:\s+{_BELOW_HUNDRED})?(?![\w'])"
# a number in figures, with the suffix some texts add ("24-х", "10-ти")
DIGITS = r"\d{1,3}(?:-?(?:х|ти|ми|и|ох|ма))?(?![\w'])"
# "шість", "6", "шести (6)", "6 (шість)": the number in brackets repeats the one before it
NUMBER = rf"(?:{PERIOD_WORD}|{DIGITS})(?:\s*\([\w' -]{{1,30}}\))?"

# the first part of a compound adjective: «шести-» in «шестимісячний», «десяти-» in «десятирічний»
_COMPOUND_FIRST = {"одно": 1, "дво": 2, "три": 3, "чотири": 4, "сорока": 40, "сто": 100}
COMPOUND = r"(?P<c>\d{1,3}-|[а-яіїєґ']{3,16}?)"

# This Agreement, in any case: «ця Угода», «цієї Угоди», «цю Угоду», «цією Угодою», «даний документ»;
# without a demonstrative only as the defined term, capitalised («Угода набирає чинності»), so that
# «угода про постачання» is another agreement. Arrangements under it («виконавчі домовленості») are
# not it, «ця Домовленість» is.
_THIS = r"(?:ц(?:я|ієї|ій|ю|ією|ей|ього|ьому|им)|дан(?:а|ої|ій|у|ою|ий|ого|ому|им)|зазначен\w+)"
_KINDS = (
    r"угод(?:а|и|і|у|ою)|меморандум\w*|декларац(?:ія|ії|ію|ією)|документ(?:а|у|ом|і)?|договор(?:у|ом|і)|договір"
    r"|домовлен(?:ість|ості|істю)"
)
# opening with \b makes a search try only where a word starts (about twice as fast on a long text)
_AGREEMENT = (
    rf"{_THIS}\s+(?:(?:двосторонн|безпеков)\w+\s+)?(?:{_KINDS})(?![\w'])"
    r"|(?-i:Угод|Меморандум|Декларац|Документ|Договор|Договір)\w*(?![\w'])"
)
AGREEMENT = rf"\b(?:{_AGREEMENT})"
# "it" when it stands for the agreement: «її дію», «вона діє»
AGREEMENT_OR_IT = rf"\b(?:{_AGREEMENT}|(?:її|вона|нею)\b)"
SIDE = r"(?:учасник\w*|сторон\w*|сторін|держав\w*|уряд\w*|країн\w*|підписант\w*)"
# NATO in full, short, or as "the Alliance" (capitalised: a lower-case «альянс» is any alliance)
NATO = (
    r"(?:\bНАТО\b|\bNATO\b|північноатлантичн\w+\s+(?:альянс\w*|союз\w*)|організаці\w+\s+північноатлантичного\s+договору"
    r"|(?-i:\bАльянс)\w*)"
)
NATO_REF = rx(NATO)
NATO_WORDS = ("нато", "nato", "північноатлантичн", "альянс")
EU = r"(?:\bЄС\b|європейськ\w+\s+союз\w*|євроатлантичн\w+\s+(?:сім'\w+|спільнот\w+))"
# negation: «не», «ні», «жоден», «ніколи», «ніщо»
NEGATION = r"\b(?:не|ні|жод\w+|ніколи|ніщо|нічого)\b"

# extending the term: «продовження», «продовжено», «продовжується», «продовжити її дію», while
# «продовжуватиме надавати» is only "will continue to provide"
EXTENSION = (
    rf"\bпродовжен\w*|\bпродовж\w*(?:ся|ться)\b|\bпродовж\w*\s+(?:{W}){{0,2}}?(?:ді[юї]|строк\w*|термін\w*|чинніст\w*)"
    r"|\bпоновл\w*|\bпролонг\w*|\bавтоматичн\w*"
)

_DIGIT = re.compile(r"\d{1,3}")
_WORD = re.compile(r"[а-яіїєґ']+")


def parse_number(text: str) -> int | None:
    """'шести (6)' -> 6, '10 (десять)' -> 10, 'двадцяти чотирьох' -> 24, '24-х' -> 24, 'через шість' -> 6;
    None when the text holds no number."""
    text = text.strip().lower()
    digits = _DIGIT.search(text)
    if digits and (digits.start() == 0 or not _WORD.match(text)):
        return int(digits.group(0))
    words = _WORD.findall(text.split("(")[0])
    for start in range(len(words)):
        read = read_cardinal(words[start:])
        if read is not None:
            return read[0]
    return int(digits.group(0)) if digits else None


def words_value(text: str) -> int | None:
    """The number that all the words of `text` spell ('двісті п'ятдесят' -> 250), or None."""
    words = text.lower().split()
    read = read_cardinal(words)
    return read[0] if read is not None and read[1] == len(words) else None


def compound_number(first: str) -> int | None:
    """The number at the front of a compound adjective: 'шести' (шестимісячний) -> 6, 'десяти'
    (десятирічний) -> 10, 'дво' -> 2, '6-' -> 6."""
    first = first.lower().rstrip("-")
    if first.isdigit():
        return int(first)
    if first in _COMPOUND_FIRST:
        return _COMPOUND_FIRST[first]
    table = numeral_words()
    if first in table:
        return table[first][0]
    # two parts run together: «двадцятип'яти»
    for cut in range(3, len(first) - 2):
        head, tail = table.get(first[:cut]), table.get(first[cut:])
        if head and tail and head[1] == "ten" and tail[1] == "unit":
            return head[0] + tail[0]
    return None
