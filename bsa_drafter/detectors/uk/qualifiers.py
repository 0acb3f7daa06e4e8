"""Weakening qualifiers on the help, in Ukrainian: «у разі потреби», «за потреби», «у відповідних
випадках», «в межах своїх можливостей (і спроможностей)», «у межах своїх засобів і
можливостей», «в межах наявних ресурсів», «відповідно до своїх можливостей», «в міру
можливості», «наскільки це можливо», «де це можливо», «якщо це доцільно», «якщо це практично
здійсненно» ...

As in English, a qualifier counts where it weakens help to Ukraine, read over the whole
sentence; one in an administrative sentence («у разі потреби обмінюватимуться офіцерами
зв'язку») or on Ukraine's own undertaking does not. «Відповідно до своїх правових і
конституційних вимог» is the standard formula, not a qualifier; «в межах ... кордонів» is not
either.
"""

from __future__ import annotations

from bsa_drafter.detectors.en.qualifiers import QualifiersDetector
from bsa_drafter.detectors.text import rx

_OWNER = r"(?:(?:сво\w+|наявн\w+|доступн\w+|існуюч\w+|власн\w+|відповідн\w+|національн\w+|її|його|їхні\w*)\s+){0,2}"
# nouns only: «бюджетних процедур» is a condition of money, not a limit on the help
_MEANS = (
    r"(?:можливост\w*|спроможност\w*|ресурс(?:и|ів|ами)?\b|засоб\w*|кошт\w*|фінансуванн\w*|бюджет(?:у|ів|ом|і|и)?\b)"
)
_MEANS_QUALIFIER = (
    rf"\b(?:(?:в|у)\s+межах|відповідно\s+до|згідно\s+(?:з|із|зі)|з\s+урахуванням|в\s+міру|у\s+міру|в\s+обсязі)\s+"
    rf"{_OWNER}{_MEANS}(?:\s+(?:і|та|й)\s+{_OWNER}{_MEANS})?\b"
)
_POSSIBLE = r"(?:можливо|доцільно|доречно|практично\s+здійсненно|здійсненно|необхідно\s+і\s+можливо)"
QUALIFIER = rx(
    r"\b(?:(?:у|в)\s+разі|за|при)\s+(?:потреби|необхідності|доцільності)\b"
    r"|\b(?:у|в)\s+(?:відповідних|належних)\s+випадках\b"
    rf"|{_MEANS_QUALIFIER}"
    r"|\b(?:в|у)\s+міру\s+можливост\w*|\b(?:за|по)\s+можливост[іи]\b|\bпо\s+змозі\b"
    r"|\b(?:наскільки|якщо|де|коли|тією\s+мірою,?\s+якою|(?:в|у)\s+тій\s+мірі,?\s+(?:в|у)\s+якій)"
    r"\s+(?:це\s+)?(?:буде\s+)?"
    rf"{_POSSIBLE}\b"
    r"|\bякщо\s+(?:це\s+)?(?:буде\s+)?(?:визнано|вважатиметься)\s+доцільн\w+"
)
HELP = rx(
    r"\bнада\w*|\bнадасть|\bдопомог\w*|\bдопомага\w*|\bпідтрим\w*|\bсприя\w*|\bпостача\w*|\bпоставк\w*|\bпереда\w*"
    r"|\bфінансу\w*|\bпрофінансу\w*|\bнавча\w*|\bоснащ\w*|\bзалуча\w*|\bзахища\w*"
    # training, not preparation: «підготовка військових», not «підготовка домовленостей»
    r"|\bпідгот\w+\s+(?:\w+\s+){0,2}?(?:військов|особов|пілот|інструктор|українськ|сил|фахівц|кадр|підрозділ)"
    r"|\bреагу\w*|\bрозширю\w*|\bзміцню\w*|\bпосилю\w*"
)
# consulting and meeting are help only as the response to an attack or about help to Ukraine
CONSULTING = rx(r"\bконсульт\w*|\bзустріч\w*|\bзустрін\w*")
_CONSULTING_CONTEXT = rx(r"\bгодин\w*|\bнапад\w*|\bагресі\w*|\bескалац\w*|\bна\s+прохання|\bпідтримк\w*|\bдопомог\w*")
# «частіше, якщо це можливо»: the qualifier adds to a firm commitment, it does not weaken it
_ADDS_MORE = rx(r"\b(?:більше|частіше|ширше|додатков\w*)\b(?:\s+[\w'-]+){0,2}\s*,?\s*$")
# Ukraine alone as the subject: its own undertaking, not help to it
_UKRAINE_ACTS = rx(r"^\s*(?:\W*\w{1,3}[.)]\s+)?(?:(?:у|в)\s+\w+\s+)?україна\b(?!\s*(?:,\s*)?(?:та|і|й|разом)\b)")
_SHARING = rx(
    r"\b(?:обмін\w*|обміню\w*|діли\w*|переда\w*)\b[^.]{0,80}(?:з\s+україною|на\s+користь\s+україни)"
    r"|\bна\s+користь\s+україни"
)


class UkrainianQualifiersDetector(QualifiersDetector):
    keywords = (
        "потреб",
        "необхідн",
        "доцільн",
        "випадках",
        "можлив",
        "спроможн",
        "ресурс",
        "засоб",
        "кошт",
        "фінансуван",
        "бюджет",
        "здійсненн",
        "змозі",
        "доречн",
    )
    qualifier, helping, sharing, adds_more, ukraine_acts = QUALIFIER, HELP, _SHARING, _ADDS_MORE, _UKRAINE_ACTS
    consulting, consulting_context = CONSULTING, _CONSULTING_CONTEXT


DETECTOR = UkrainianQualifiersDetector()
