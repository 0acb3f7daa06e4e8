"""Duration and review in Ukrainian: the agreement's fixed term («діє протягом десяти (10)
років», «укладається строком на 10 років», «на десятирічний строк», «строк дії ... становить»),
whether it has no fixed term («на невизначений строк», «безстрокова», «діє, доки її не буде
припинено»), and whether the agreement itself is to be reviewed («переглянуть її виконання»,
«проведуть огляд її виконання»; a review of a programme or a reform plan is not)."""

from __future__ import annotations

import re

from bsa_drafter.detectors.en.duration import DurationDetector
from bsa_drafter.detectors.text import rx
from bsa_drafter.detectors.uk._words import (
    AGREEMENT,
    AGREEMENT_OR_IT,
    COMPOUND,
    EXTENSION,
    NUMBER,
    W,
    compound_number,
    parse_number,
)

_YEARS = rf"(?P<n>{NUMBER})\s*(?:календарн\w+\s+)?(?:рок(?:и|ів|у)|рік)\b"
# «десятирічний строк», «на п'ятирічний період»
_YEARS_ADJ = rf"\b{COMPOUND}річн\w*\s+(?:строк\w*|період\w*|термін\w*)"
_VALID = (
    r"(?:ді(?:є|ятиме|яти|ють)|чинн\w+|залиша\w+\s+чинн\w+|залишатим\w+\s+чинн\w+|уклада\w+|укладен\w+|укладено"
    r"|застосову\w+|набира\w+\s+чинності|підписан\w+|підписано)"
)
_FOR = (
    r"(?:протягом|впродовж|упродовж|на\s+протязі|строком\s+на|терміном\s+на|на\s+(?:строк|період|термін)(?:\s+(?:у|в))?"
    r"|на)"
)
DURATION = [
    rx(
        rf"{AGREEMENT_OR_IT},?\s+(?:{W}){{0,12}}?{_VALID}\s+(?:{W}){{0,3}}?{_FOR}\s+(?:перших\s+|наступних\s+)?"
        rf"{_YEARS}"
    ),
    rx(rf"{AGREEMENT_OR_IT},?\s+(?:{W}){{0,12}}?{_VALID}\s+(?:{W}){{0,3}}?(?:на\s+)?{_YEARS_ADJ}"),
    # «Протягом десяти років з дати підписання ця Угода залишатиметься чинною»
    rx(rf"\b(?:протягом|впродовж|упродовж)\s+{_YEARS}\s+(?:{W}){{0,5}}?{AGREEMENT_OR_IT}\s+(?:{W}){{0,2}}?{_VALID}"),
    rx(
        rf"(?:строк|термін|період)\w*\s+(?:(?:її\s+)?(?:дії|чинності)\s+)?{AGREEMENT_OR_IT},?\s+(?:(?:який|що)\s+)?"
        rf"(?:{W}){{0,2}}?(?:станов\w+|складає|складатиме|дорівнює|є|-)\s+{_YEARS}"
    ),
    # «Угода діє десять років», with no preposition
    rx(rf"{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?(?:ді(?:є|ятиме)|залиша\w+\s+чинн\w+|залишатим\w+\s+чинн\w+)\s+{_YEARS}"),
    rx(rf"\b(?:уклада|підпису)\w*\s+{AGREEMENT}\s+(?:{_FOR}\s+)?{_YEARS}"),
    rx(rf"\b(?:уклада|підпису)\w*\s+{AGREEMENT}\s+(?:на\s+)?{_YEARS_ADJ}"),
]
# the term named in passing: «протягом усього десятирічного строку дії цієї Угоди», «протягом десяти
# років дії цієї Угоди» (not «перших десяти років»: a part of the term)
DURATION_WEAK = rx(
    rf"{_YEARS_ADJ}\s+(?:(?:її\s+)?(?:дії|чинності)\s+)?{AGREEMENT}"
    rf"|(?<!перших\s)(?<!наступних\s)\b{_YEARS}\s+(?:її\s+)?(?:дії|чинності)\s+{AGREEMENT}"
)
_EXTENSION = rx(rf"{EXTENSION}|наступн\w+\s+період|додатков\w+\s+період")
OPEN_ENDED = rx(
    rf"\bневизначен\w+\s+(?:строк|період|термін|час)|\bбезстроков\w*|\bбез\s+(?:обмеження\s+(?:строку|терміну|в\s+часі)"
    rf"|(?:визначеного|фіксованого|кінцевого)\s+(?:строку|терміну)|кінцевої\s+дати|строку\s+дії)"
    rf"|\bне\s+(?:має|матиме)\s+(?:фіксованого\s+|визначеного\s+|кінцевого\s+)?(?:строку|терміну|кінцевої\s+дати)"
    rf"|\bне\s+обмежен\w+\s+(?:в|у)\s+часі"
    rf"|{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?(?:ді(?:є|ятиме)|залиша\w+\s+чинн\w+|залишатим\w+\s+чинн\w+)"
    rf"(?:,?\s+до\s+(?:її\s+)?припинення|,?\s+(?:доки|поки|до\s+того\s+часу,?\s+(?:доки|поки|коли)"
    rf"|до\s+моменту,?\s+(?:коли|доки))\s+(?:{W}){{0,4}}?(?:не\s+)?(?:буде\s+)?(?:припинен\w*"
    r"|ухвал\w+\s+(?:іншого|інше)|виріш\w+\s+інакше|домов\w+\s+(?:про\s+)?інше))"
)
_OPEN_WORDS = (
    "невизначен",
    "безстроков",
    "без ",
    "не має",
    "не матиме",
    "обмежен",
    "доки",
    "поки",
    "до того",
    "до моменту",
    "до припинення",
    "до її припинення",
)
_REVIEW_VERB = r"(?:переглян\w*|перегляда\w*|переглядатим\w*|оцін\w*|огляд\w*|проаналіз\w*|аналізу\w*|підсум\w*)"
_ITS_WORKING = r"(?:виконання|дію|дії|застосування|функціонування|ефективн\w+|реалізаці\w+)"
_THESE = rf"(?:{AGREEMENT}|(?:цих|цими|наших|своїх)\s+зобов'язан\w*)"
REVIEW = rx(
    rf"{_REVIEW_VERB}[,;]?\s+(?:{W}){{0,6}}?(?:{AGREEMENT}|\bїї\s+{_ITS_WORKING}|{_ITS_WORKING}\s+{_THESE})"
    rf"|(?:{AGREEMENT}|\bїї\s+{_ITS_WORKING}|{_ITS_WORKING}\s+{_THESE})\s+(?:{W}){{0,3}}?(?:буде|будуть|має\s+бути"
    rf"|підляга\w+|підлягатиме)\s+(?:{W}){{0,2}}?(?:переглянут\w*|оцінен\w*|перегляду|оцінюванню|оцінці|огляду)"
    rf"|(?:перегляд|оцінювання|оцінка|огляд|аналіз)\w*\s+(?:{_ITS_WORKING}\s+)?{_THESE}"
)
# «Учасники переглянуть її через п'ять років» in a paragraph that names the agreement
_REVIEW_IT = rx(rf"{_REVIEW_VERB}\s+її\b")
_OTHER_OBJECT = rx(
    r"\bпрограм\w*|\bдорожн\w+\s+карт\w*|\bплан\w*|\bпрогрес\w*|\bреформ\w*|\bпроєкт\w*|\bпроект\w*|\bстратег\w*"
    r"|\bпакет\w*|\bпріоритет\w*|\bпотреб\w*|\bвимог\w*|\bрезультат\w*|\bконтракт\w*"
)
_REVIEW_WORDS = ("перегл", "оцін", "огляд", "аналіз", "підсум")
_REVIEW_WORD = rx("|".join(_REVIEW_WORDS))


class UkrainianDurationDetector(DurationDetector):
    keywords = (
        "рок",
        "рік",
        "річн",
        *_OPEN_WORDS,
        *_REVIEW_WORDS,
    )
    year_words, agreement_words = ("рок", "рік", "річн"), ("угод", "документ")
    review_word, open_words = _REVIEW_WORD, _OPEN_WORDS
    duration, duration_weak, extension, open_ended = DURATION, DURATION_WEAK, _EXTENSION, OPEN_ENDED
    review, review_it, other_object = REVIEW, _REVIEW_IT, _OTHER_OBJECT
    implementing_it = None

    @staticmethod
    def years(match: re.Match[str]) -> int | None:
        groups = match.groupdict()
        if groups.get("c"):
            return compound_number(groups["c"])
        return parse_number(groups["n"]) if groups.get("n") else None


DETECTOR = UkrainianDurationDetector()
