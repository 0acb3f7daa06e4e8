"""The money pledge in Ukrainian: a yearly or single amount («надасть Україні військову допомогу
на суму 2,5 млрд фунтів стерлінгів»), a total over several years («на 2024–2026 роки»), a share
of GDP («0,25 % свого ВВП щороку»), or only funding subject to appropriation («за умови
наявності асигнувань»); its amount, currency and conditions.

Amounts in figures (decimal comma, spaces between thousands) or words in any case («два
мільярди», «п'ятсот мільйонів»), with scales (млрд, мільярд, млн, мільйон, тис.). Past figures
(«з 2022 року надав», «надані у 2023 році») are not pledges. The verb's tense tells a pledge
from a past figure: Ukrainian marks the future («надасть», «надаватиме», «має намір надати»).
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.en.money import ISO_CODES as _CODES
from bsa_drafter.detectors.en.money import SYMBOLS as _SYMBOLS
from bsa_drafter.detectors.en.money import MoneyDetector, figure_value
from bsa_drafter.detectors.text import rx
from bsa_drafter.detectors.uk._words import NUM_WORD, W, words_value

# currency words by stem (any case: «євро», «фунтів стерлінгів», «доларів США», «шведських крон»)
_CURRENCY_STEMS = (
    ("канадськ", "CAD"),
    ("австралійськ", "AUD"),
    ("шведськ", "SEK"),
    ("норвезьк", "NOK"),
    ("датськ", "DKK"),
    ("чеськ", "CZK"),
    ("ісландськ", "ISK"),
    ("швейцарськ", "CHF"),
    ("японськ", "JPY"),
    ("євро", "EUR"),
    ("фунт", "GBP"),
    ("долар", "USD"),
    ("дол.", "USD"),
    ("злот", "PLN"),
    ("єн", "JPY"),
    ("франк", "CHF"),
    ("форинт", "HUF"),
    ("денар", "MKD"),
    ("лев", "BGN"),
    ("ле", "RON"),
    ("гривн", "UAH"),
    ("лір", "TRY"),
)
# codes in capitals only, as ISO writes them
_CURRENCY = r"(?:£|€|\$|¥|(?-i:\b(?:" + "|".join(_CODES) + r")\b))"
_ADJ = r"(?:(?:канадськ|австралійськ|швейцарськ|японськ)\w*\s+)?"
# crowns only with the country's adjective: «крон» alone names no currency
_CROWNS = r"(?:шведськ|норвезьк|датськ|чеськ|ісландськ)\w*\s+крон[аиу]?\b"
_CURRENCY_WORD = (
    _ADJ + r"(?:євро\b|фунт\w*(?:\s+стерлінг\w*)?|долар\w*(?:\s+США)?|дол\.\s*США|злот\w*|єн[аиу]?\b|франк\w*"
    rf"|форинт\w*|денар\w*|лев(?:ів|а)?\b|ле[їй]\b|гривн\w*|лір[аиу]?\b)|{_CROWNS}"
)
_SCALE = r"(?:\s?(?P<scale>млрд|мільярд\w*|млн|мільйон\w*|трлн|трильйон\w*|тис|тисяч\w*)\.?(?![\w]))"
_FIGURE = r"(?P<figure>\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
_SPELLED = rf"(?P<words>(?:півтора|півтори|{NUM_WORD}))"
_PLACEHOLDER = r"(?P<blank>\[[^\]\n]{1,40}\])"
_UP_TO = r"(?:(?:до|щонайменше|понад|більше\s+ніж|не\s+менше\s+ніж|приблизно|близько|майже|ще)\s+)?"
AMOUNTS = (
    rx(rf"{_UP_TO}(?P<cur>{_CURRENCY})\s?(?:{_FIGURE}|{_SPELLED}\s|{_PLACEHOLDER}){_SCALE}?"),
    rx(rf"{_UP_TO}(?:{_FIGURE}|{_PLACEHOLDER}){_SCALE}?\s*(?P<cur>{_CURRENCY}|{_CURRENCY_WORD})"),
    rx(rf"{_UP_TO}{_SPELLED}\s+{_SCALE}\s+(?P<cur>{_CURRENCY_WORD}|{_CURRENCY})"),
)
_SCALES = {
    "млрд": 1e9,
    "мільярд": 1e9,
    "млн": 1e6,
    "мільйон": 1e6,
    "трлн": 1e12,
    "трильйон": 1e12,
    "тис": 1e3,
    "тисяч": 1e3,
}
GDP_SHARE = rx(
    rf"\d+(?:[.,]\d+)?\s*(?:%|відсот\w*|процент\w*)\s+(?:{W}){{0,2}}?(?:(?:свого|його|їхнього|її|власного)\s+)?"
    r"(?:ВВП|валового\s+внутрішнього\s+продукту)"
)
MULTI_YEAR = rx(
    r"\b20\d\d\s*(?:-|до|по|і|та)\s*(?:20)?\d\d\s*(?:рр\.?|рок\w*)|\bзагальн\w+\s+(?:сум\w*|обсяг\w*)|\bзагалом\b"
    r"|\bу\s+сукупності\b|\bбагаторічн\w*|\bпротягом\s+(?:наступних\s+)?(?:[а-яіїєґ']+\s+)?рок(?:ів|и)\b"
    r"|\b(?:дво|три|чотири|п'яти)річн\w+\s+(?:період|пакет|програм|план)\w*"
)
_YEARLY = rx(r"\bщороку\b|\bщорічн\w*|\bна\s+рік\b|\bкожного\s+року\b|\bу\s+кожному\s+році\b|\bна\s+кожен\s+рік\b")
CONDITION = rx(
    rf"\bза\s+умов\w*\s+(?:{W}){{0,3}}?(?:наявност\w+\s+(?:{W}){{0,2}}?(?:асигнуван\w*|асигнован\w+\s+кошт\w*|кошт\w*"
    rf"|фінансуванн\w*|ресурс\w*)"
    rf"|схвален\w+\s+(?:{W}){{0,2}}?(?:парламент\w*|верховн\w*|конгрес\w*|бюджет\w*|законодав\w*)"
    rf"|виділен\w+\s+(?:{W}){{0,2}}?(?:асигнуван\w*|кошт\w*)"
    rf"|(?:ухвален|затвердж)\w+\s+(?:{W}){{0,2}}?бюджет\w*|асигнуван\w*)"
    rf"|\bвідповідно\s+до\s+(?:{W}){{0,3}}?(?:бюджетн\w+\s+процедур\w*|парламентськ\w+\s+(?:схвален\w*|рішен\w*))"
    rf"|\b(?:у|в)\s+межах\s+(?:{W}){{0,2}}?(?:(?:річн|національн|державн)\w+\s+)?бюджет\w*"
    rf"|\bпісля\s+схвалення\s+(?:{W}){{0,1}}?парламент\w*|\bз\s+урахуванням\s+(?:{W}){{0,2}}?бюджетн\w+\s+процедур"
    rf"|\bзалежно\s+від\s+(?:наявності\s+)?асигнуван\w*|\bпідляга\w+\s+(?:{W}){{0,2}}?(?:асигнуванн\w*|схваленн\w+)"
    rf"|\bпарламентськ\w+\s+асигнуван\w*"
)
# «звернеться до Конгресу з проханням про асигнування»: funding promised only through the legislature
FUNDS_REQUEST = rx(
    rf"\b(?:зверн\w+|звертатим\w+|проситим\w+|проси\w+|запитуватим\w+|домагатим\w+|подасть|вносити\w*|внесе)\s+"
    rf"(?:{W}){{0,8}}?(?:асигнуван\w*|фінансуванн\w*|кошт\w*|бюджет\w*|ресурс\w*)"
)
_LEGISLATURE = ("конгрес", "парламент", "законодав", "асигнув", "асигнован", "верховн", "бундестаг", "сейм", "риксдаг")
# support flowing to Ukraine: the partner's own defence spending is not
_SUPPORT = rx(
    r"підтримк\w*|допомог\w*|сприянн\w*|фінансуванн\w*|\bпакет\w*|\bвнес\w*|\bукраїн\w*|розмінуванн\w*|гуманітарн\w*"
    r"|відбудов\w*|відновленн\w*|\bгрант\w*|\bкредит\w*|\bпозик\w*"
)
# a pledge: the future (synthetic «надаватиме», perfective «надасть», «має намір надати»)
_COMMIT = rx(
    r"\b\w+тим(?:е|уть)(?:ся)?\b|\b(?:надасть|нададуть|виділить|виділять|спрямує|спрямують|передасть|передадуть"
    r"|профінансує|профінансують|забезпечить|забезпечать|внесе|внесуть|інвестує|інвестують|витратить|перерахує"
    r"|виплатить|зарезервує|мобілізує|поставить|постачить)\b"
    r"|\bбуд(?:е|уть)\s+\w+|\bма(?:є|ють)\s+намір\b|\bзобов'язу\w+|\bплану\w+|\bготов\w*|\bпрагн\w+\s+надати"
    r"|\bухвалил\w+\s+рішення|\bпередбача\w+\s+виділ\w+"
    # any verb of giving in the present or the future («надає», «збільшить», «спрямовує»), not
    # in the past («надав», «надали») nor as a participle («надані») or a noun («фінансування»)
    r"|\b(?:нада|надас|нададу|виділ|спрям|переда|фінанс|профінанс|забезпеч|внес|внос|інвест|витрат|перерах|виплат"
    r"|зарезерв|мобіліз|постав|постач|збільш|вкла|відвед|відвод)\w*(?:е|є|ть|ме|муть)\b"
)
# an act of giving money: a figure that only describes a programme is not pledged
_GIVE = rx(
    r"\bнада\w*|\bвиділ\w*|\bспрям\w*|\bпереда\w*|\bфінанс\w*|\bпрофінанс\w*|\bзабезпеч\w*|\bвнес\w*|\bінвест\w*"
    r"|\bвитрат\w*|\bперерах\w*|\bвиплат\w*|\bзарезерв\w*|\bмобіліз\w*|\bпостав\w*|\bпостач\w*|\bвідв\w*|\bвкла\w*"
    r"|\bзбільш\w*"
)
_UKRAINE_PAYS = rx(
    r"\bукраїна\s+(?:\w+\s+)?(?:сплатить|сплачуватиме|відшкодує|відшкодовуватиме|витратить|витрачатиме|спрямує"
    r"|спрямовуватиме|інвестує|внесе|вноситиме|прагне|має\s+намір)"
)
# a promise of funding with no figure: «надаватиме ... за умови схвалення парламентом»
_SEEK = rx(
    r"\bзверн\w+|\bпроси\w+|\bдокладатим\w+\s+зусиль|\b\w+тим(?:е|уть)\b|\bма(?:є|ють)\s+намір|\bзобов'язу\w+"
    r"|\bплану\w+|\bнадасть|\bнададуть|\bзабезпечить|\bзабезпечать"
)
_PAST = rx(
    r"\b(?:надав|надала|надало|надали|виділив|виділила|виділило|виділили|спрямував|спрямувала|спрямувало|спрямували"
    r"|передав|передала|передали|профінансував\w*|витратив\w*|витратил\w*|постачав\w*|постачал\w*|поставив\w*"
    r"|поставил\w*|мобілізував\w*|мобілізувал\w*|інвестував\w*|інвестувал\w*|вніс|внесла|внесли|перерахував\w*"
    r"|перерахувал\w*|виплатив\w*|виплатил\w*)\b"
    r"|\b(?:становил\w*|склал\w*|сягнул\w*|досягл\w*)\b|\bз\s+(?:20\d\d|початку|лютого|моменту)\b"
    r"|\bдосі\b|\bвже\b|\bуже\b"
    r"|\bдо\s+цього\s+часу\b|\bстаном\s+на\b|\bраніше\b|\bу\s+минулому\b"
    r"|\b(?:було|були)\s+(?:\w+\s+)?(?:надано|виділено|спрямовано|передано|профінансовано|витрачено)"
    r"|\b(?:надан|виділен|спрямован|передан)\w*\s+(?:{w}){{0,2}}?(?:у|в)\s+20\d\d".format(w=W)
)
_FUTURE = rx(
    r"\b\w+тим(?:е|уть)(?:ся)?\b|\b(?:надасть|нададуть|виділить|виділять|спрямує|спрямують|передасть|передадуть"
    r"|профінансує|забезпечить|внесе|внесуть)\b|\bбуд(?:е|уть)\b|\bма(?:є|ють)\s+намір\b|\bзобов'язу\w+|\bплану\w+"
)
_NOT_SUPPORT = rx(
    r"\bактив\w*|знерухомлен\w*|\bрепарац\w*|\bзбит\w*|\bшкод\w*|\bборг\w*|\bторгівл\w*|\bекспорт\w*|\bімпорт\w*"
    r"|\bінвестиці\w*|\bконтракт\w*|\bдефіцит\w*|\bМВФ\b|валютн\w+\s+фонд\w*|\bВВП\b(?!.*підтримк)"
    r"|(?:організаційн|адміністративн|поточн)\w+\s+витрат\w*|\bзбор\w*"
)
_CURRENCY_HINTS = (
    "£",
    "€",
    "$",
    "¥",
    *(code.lower() for code in _CODES),
    "євро",
    "фунт",
    "долар",
    "дол.",
    "крон",
    "злот",
    "єн",
    "франк",
    "форинт",
    "денар",
    "левів",
    "леї",
    "лей",
    "гривн",
    "лір",
)
_SHARE_HINTS = ("%", "відсот", "процент")
# every condition names one of these (budgetary procedures, the parliament, appropriations ...)
_CONDITION_HINTS = ("за умов", "бюджет", "парламент", "асигнув", "асигнован", "підляга", "залежно від")


def currency_of(text: str) -> str | None:
    """An ISO currency code for a symbol, code or word ('€', 'EUR', 'фунтів стерлінгів', 'шведських крон')."""
    text = text.strip()
    if text in _SYMBOLS:
        return _SYMBOLS[text]
    if text.upper() in _CODES:
        return text.upper()
    low = text.lower()
    for stem, code in _CURRENCY_STEMS:
        if low.startswith(stem):
            return code
    return None


def amount_of(match: re.Match[str]) -> tuple[float | None, str | None]:
    """The amount in currency units and its ISO code, from a match of one of AMOUNTS."""
    groups = match.groupdict()
    scale_word = (groups.get("scale") or "").lower()
    scale = next((value for stem, value in _SCALES.items() if scale_word.startswith(stem)), 1.0)
    currency = currency_of(groups.get("cur") or "")
    if groups.get("blank"):
        return None, currency
    if groups.get("figure"):
        value = figure_value(groups["figure"].replace("\u00a0", " "), scale != 1.0)
    elif groups["words"].lower() in ("півтора", "півтори"):  # one and a half
        value = 1.5
    else:
        value = words_value(groups["words"])
    return (value * scale if value is not None else None), currency


class UkrainianMoneyDetector(MoneyDetector):
    keywords = ("£", "€", "$", "¥", "млрд", "мільярд", "млн", "мільйон", "відсот", *_CONDITION_HINTS, *_LEGISLATURE)
    condition, condition_hints, legislature_hints, funds_request = (
        CONDITION,
        _CONDITION_HINTS,
        _LEGISLATURE,
        FUNDS_REQUEST,
    )
    gdp_share, share_hints, gdp_words = GDP_SHARE, _SHARE_HINTS, ("ввп", "валового внутрішнього")
    amounts, currency_hints, scale_words = AMOUNTS, _CURRENCY_HINTS, ("мільярд", "мільйон", "тисяч", "трильйон")
    support, commit, give, seek, past, future, ukraine_pays, not_support = (
        _SUPPORT,
        _COMMIT,
        _GIVE,
        _SEEK,
        _PAST,
        _FUTURE,
        _UKRAINE_PAYS,
        _NOT_SUPPORT,
    )
    multi_year, yearly = MULTI_YEAR, _YEARLY
    amount = staticmethod(amount_of)


DETECTOR = UkrainianMoneyDetector()
