"""The alignment clause in Ukrainian: the future-attack provisions may be amended to align them
with a later mechanism («внести зміни до цього Розділу з метою його узгодження з будь-яким
механізмом, який Україна згодом погодить»; «адаптувати ... до будь-якого майбутнього
механізму»; the mechanism first: «якщо Україна укладе нову домовленість ..., Учасники
відповідно змінять цю Частину»). Alignment with standards, legislation or procedures does not
count."""

from __future__ import annotations

from bsa_drafter.detectors.en.alignment import AlignmentDetector
from bsa_drafter.detectors.text import rx
from bsa_drafter.detectors.uk._words import NEGATION, W

_CHANGE = (
    r"(?:змін\w*|адапт\w*|переглян\w*|перегляд\w*|онов\w*|доповн\w*|коригу\w*|скоригу\w*|узгод\w*|привед\w*"
    r"|привест\w*)"
)
_ALIGN = (
    r"(?:(?:з\s+метою|щоб|для\s+того,?\s+щоб|задля|для)\s+(?:\w+\s+){0,2}?(?:узгодж\w*|узгодит\w*|привед\w*|привест\w*"
    r"|гармоніз\w*|відповідн\w*)|у\s+відповідність|узгоджен\w*\s+(?:з|із)|відповідно\s+до)"
)
_MECHANISM = (
    r"(?:механізм\w*|рамк\w*|домовленіст\w*|домовленост\w*|архітектур\w*|гаранті\w*|формат\w*|інструмент\w*"
    r"|структур\w*)"
)
_LATER = (
    r"(?:будь-як\w+|майбутн\w+|пізніш\w+|наступн\w+|нов\w+|ширш\w+|багатосторонн\w+|колективн\w+|міжнародн\w+|інш\w+"
    r"|можлив\w+|так\w+)"
)
CHANGE_TO_ALIGN = rx(
    rf"{_CHANGE}[,;]?\s+(?:{W}){{0,14}}?{_ALIGN}\s+(?:{W}){{0,3}}?(?:(?:з|із|зі|до)\s+)?"
    rf"(?:{W}){{0,3}}?{_LATER}\s+(?:{W}){{0,3}}?{_MECHANISM}"
)
ADAPT_TO = rx(rf"\b(?:адапт|пристосу)\w*\s+(?:{W}){{0,12}}?до\s+{_LATER}\s+(?:{W}){{0,2}}?{_MECHANISM}")
# «якщо Україна укладе нову домовленість ..., Учасники відповідно змінять цю Частину»
MECHANISM_FIRST = rx(
    rf"\b(?:якщо|коли|щойно|(?:у|в)\s+разі)\b\s+(?:{W}){{0,6}}?україн\w*\s+(?:{W}){{0,6}}?"
    rf"(?:створ|уклад|укласт|погод|приєдна|домов|запровад|підпис|підпиш|розроб)\w*\s+(?:{W}){{0,8}}?{_MECHANISM}"
    rf"[^.]*?(?:(?:відповідн\w*|узгоджен\w*)\s+(?:{W}){{0,2}}?{_CHANGE}|\b{_CHANGE}[^.]*?(?:відповідн\w*|узгодж\w*"
    r"|у\s+відповідність))"
    rf"|\b(?:відповідно|відповідним\s+чином)\s+(?:{W}){{0,2}}?{_CHANGE}[^.]*?(?:якщо|коли|щойно|(?:у|в)\s+разі)\b"
    rf"\s+(?:{W}){{0,6}}?україн\w*\s+(?:{W}){{0,6}}?(?:створ|уклад|укласт|погод|приєдна|домов|запровад|підпис|підпиш"
    rf"|розроб)\w*\s+(?:{W}){{0,8}}?{_MECHANISM}"
)
_PATTERNS = (CHANGE_TO_ALIGN, ADAPT_TO, MECHANISM_FIRST)
# a later mechanism: one still to come, or one Ukraine agrees with others
_FUTURE = rx(
    r"\bбудь-як|\bмайбутн|\bпізніш|\bзгодом|\bнаступн|\bнов\w+|\bпогод|\bдомов|\bствор|\bуклад|\bукласт|\bзапровад"
    r"|\bрозроб"
)
_NEGATED = rx(rf"{NEGATION}\s+(?:{W}){{0,3}}?{_CHANGE}")
_TECHNICAL = rx(r"\bстандарт\w*|\bзакупів\w*|\bзаконодавств\w*|\bacquis|\bдоктрин\w*|\bпроцедур\w*|\bправ[аоі]?\s+єс")
_CHANGE_WORDS = (
    "змін",
    "адапт",
    "перегл",
    "онов",
    "доповн",
    "коригу",
    "узгод",
    "привед",
    "привест",
    "пристосу",
)


class UkrainianAlignmentDetector(AlignmentDetector):
    keywords = (
        "механізм",
        "рамк",
        "домовленіст",
        "домовленост",
        "архітектур",
        "гарант",
        "формат",
        "інструмент",
        "структур",
    )
    change_words, patterns, future, technical, negated = _CHANGE_WORDS, _PATTERNS, _FUTURE, _TECHNICAL, _NEGATED


DETECTOR = UkrainianAlignmentDetector()
