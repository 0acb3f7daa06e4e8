"""NATO support in Ukrainian: support for Ukraine's accession («підтримуватимуть вступ України
до НАТО», also with the object first), «майбутнє України — в НАТО», «Україна стане членом НАТО»,
«не є заміною / не можуть становити альтернативи членству», «міст до членства», «незворотний
шлях ... включно з членством у НАТО», support for a decision to invite Ukraine.

Not support: NATO in a reform sentence («євроатлантичні прагнення»), «без шкоди для шляху»,
interoperability and standards, a refusal, membership of the EU only, NATO as a forum.
"""

from __future__ import annotations

from bsa_drafter.detectors.en.nato_support import NatoSupportDetector
from bsa_drafter.detectors.text import rx
from bsa_drafter.detectors.uk._words import EU, NATO, NATO_REF, NATO_WORDS, NEGATION, W

_SUPPORT = (
    r"(?:підтрим\w*|сприя\w*|відстою\w*|обстою\w*|просува\w*|наближа\w*|допомага\w*|координ\w*|посилю\w*"
    r"|працю\w+\s+(?:разом\s+)?(?:над|задля|для)|виступа\w+\s+за|на\s+підтримку)"
)
_MEMBERSHIP = r"(?P<m>вступ\w*|членств\w*|приєднанн\w*|інтеграці\w*|шлях\w*|прийнятт\w*|набутт\w+\s+членства)"
# «до НАТО», «в ЄС і НАТО»
_TO_NATO = rf"(?:до|в|у|у\s+складі|в\s+складі)\s+(?:{EU}\s+(?:і|та|й)\s+)?{NATO}"
# (family, words one of which the sentence must hold before the pattern is tried, pattern)
_PATTERNS = [
    (
        "accession",
        NATO_WORDS,
        rx(
            rf"{_SUPPORT}\s+(?:{W}){{0,8}}?(?:{_MEMBERSHIP}\s+(?:{W}){{0,3}}?{_TO_NATO}"
            rf"|стати\s+(?:повноправним\s+)?членом\s+{NATO}|(?:вступити|приєднатися)\s+{_TO_NATO})"
        ),
    ),
    # the object first: «Вступ України до НАТО Учасники підтримуватимуть»
    (
        "accession",
        NATO_WORDS,
        rx(rf"{_MEMBERSHIP}\s+(?:україн\w+\s+)?{_TO_NATO}\s+(?:{W}){{0,3}}?(?:підтрим|відстою|обстою)\w*"),
    ),
    (
        "future",
        ("майбутн",),
        rx(
            rf"\bмайбутн\w+\s+україн\w*\s*(?:-\s*|(?:{W}){{0,3}}?(?:полягає|лежить|є|перебуває)\s+)?"
            r"(?:в|у|у\s+складі)\s+"
            rf"(?:{EU}\s*,?\s+(?:і|та|й|а\s+також)\s+(?:в|у)?\s*)?{NATO}"
        ),
    ),
    (
        "member",
        ("член", "союзник", "вступ", "приєдна"),
        rx(
            r"\bукраїна\s+(?:{w}){{0,3}}?(?:стане|стала|стануть|буде|має\s+стати|повинна\s+стати|набуде\s+членства"
            r"|вступить|приєднається)\s+(?:{w}){{0,2}}?(?:(?:повноправним\s+)?(?:членом|союзником)\s+)?(?:{nato}"
            r"|(?:до|в|у)\s+{nato})".format(w=W, nato=NATO)
        ),
    ),
    (
        "benefit",
        NATO_WORDS,
        rx(
            rf"членств\w*\s+україн\w+\s+(?:в|у|до)\s+{NATO}\s+(?:{W}){{0,3}}?(?:сприя\w*|зміцн\w*|посил\w*|слугува\w*"
            rf"|відповіда\w+\s+інтересам|є\s+в\s+інтересах)"
        ),
    ),
    (
        "not-a-substitute",
        ("замін", "альтернатив", "підмін"),
        rx(
            rf"(?:{NEGATION})\s+(?:{W}){{0,3}}?(?:заміною|замінником|замін\w*|альтернатив\w*|підмін\w*)\s+"
            rf"(?:{W}){{0,6}}?(?:членств\w*|вступ\w*)"
            # the negation last: «Альтернативи членству України в НАТО ця Угода не становить»
            rf"|\b(?:замін\w*|альтернатив\w*|підмін\w*)\s+(?:{W}){{0,6}}?(?:членств|вступ)\w*\s+(?:{W}){{0,6}}?"
            r"не\s+(?:є|становит\w*|може|можуть|буде|стане|замін\w*)"
        ),
    ),
    (
        "bridge",
        ("міст ", "мост"),
        rx(rf"\b(?:міст|мост(?:ом|у|и|ів|ами)?)\s+(?:{W}){{0,3}}?до\s+(?:{W}){{0,5}}?(?:членств|вступ)"),
    ),
    (
        "irreversible",
        ("незворотн",),
        rx(
            rf"\bнезворотн\w+\s+(?:шлях\w*|курс\w*|рух\w*)\s+(?:{W}){{0,8}}?(?:членств|інтеграці|вступ)"
            rf"|\b(?:шлях\w*|курс\w*)\s+(?:{W}){{0,8}}?(?:членств|інтеграці|вступ)\w*\s+(?:{W}){{0,6}}?"
            r"(?:є|залишається)\s+незворотн"
        ),
    ),
    (
        "invitation",
        ("запрос", "запрошен"),
        rx(
            rf"\bзапрос\w+\s+(?:{W}){{0,2}}?україну\s+(?:вступити|приєднатися|стати\s+членом)"
            rf"|\bзапрошення\s+(?:{W}){{0,2}}?(?:для\s+)?україн\w+\s+(?:вступити|приєднатися|стати\s+членом"
            r"|до\s+вступу)"
            # «надіслати Україні запрошення приєднатися до Альянсу»
            r"|\b(?:надісла|направи|надава|нада|висловит|запропонува)\w*\s+україні\s+запрошення\s+"
            r"(?:вступити|приєднатися|стати\s+членом|до\s+вступу)"
        ),
    ),
    (
        "place",
        ("місце",),
        rx(rf"\bмісце\s+україн\w+\s*(?:-\s*|(?:{W}){{0,2}}?)(?:в|у)\s+(?:{EU}\s*,?\s+(?:і|та)\s+)?{NATO}"),
    ),
]
# «якщо Україна стане членом НАТО» is a condition (a status clause), not a statement that it will
_CONDITION_BEFORE = rx(
    r"\b(?:якщо|коли|щойно|як\s+тільки|(?:у|в)\s+разі(?:,?\s+якщо)?|після\s+того,?\s+як|якби|доки|поки)\s+"
    rf"(?:{W}){{0,6}}?$"
)
_VAGUE_GOAL = ("шлях", "інтеграці")
_WITHOUT_PREJUDICE = rx(
    rf"без\s+шкоди\s+для|\bне\s+(?:впливає|впливають|впливатиме|зачіпає|зачіпають|обмежує|обмежують|прейюдиц\w*)"
    rf"|\bне\s+(?:може|повинна|повинно|слід)\s+(?:{W}){{0,2}}?тлумачити\w*\s+як|\bне\s+тлумачит\w+\s+як"
)
_REFUSAL = rx(
    rf"{NEGATION}\s+(?:{W}){{0,4}}?(?:підтрим|підтриму|вітає|погоджу)\w*|\bпроти\s+(?:вступу|членства)"
    r"|\bвиступа\w+\s+проти|\bзаперечу\w*|\bне\s+допустити|\bперешкоджа\w*"
)
_REFORM = rx(r"\bреформ\w*|\bпрагнен\w*|\bумов\w*|\bкритері\w*")
_TECHNICAL = rx(
    r"сумісн\w*|\bстандарт\w*|\bрад\w*\s+україна\s*-\s*нато|\bкомісі\w*\s+україна\s*-\s*нато|\bтрастов\w*|навчан\w*"
    r"|\bзакупів\w*|\bсаміт\w*|\bкомюніке"
)
_EU_REF = rx(EU)
_NEGATED_BEFORE = rx(NEGATION)


# the cheap tests before _REFUSAL and _WITHOUT_PREJUDICE: each of their forms holds one of these
_REFUSAL_WORDS = ("не", "ні", "жод", "проти", "заперечу", "перешкоджа")
_DISCLAIMER_WORDS = ("шкоди", "не")


class UkrainianNatoSupportDetector(NatoSupportDetector):
    keywords = (
        *NATO_WORDS,
        "член",
        "міст ",
        "мост",
        "вступ",
        "запрос",
        "запрошен",
        "замін",
        "альтернатив",
        "підмін",
        "незворотн",
        "приєдна",
    )
    patterns, vague_goal, membership_words = _PATTERNS, _VAGUE_GOAL, ("членств", "вступ")
    nato_in_sentence, nato_in_paragraph, nato_ref, eu_ref = NATO_REF, NATO_REF, NATO_REF, _EU_REF
    refusal_words, refusal, disclaimer_words, without_prejudice = (
        _REFUSAL_WORDS,
        _REFUSAL,
        _DISCLAIMER_WORDS,
        _WITHOUT_PREJUDICE,
    )
    negation, negation_reach, reform, technical = _NEGATED_BEFORE, 25, _REFORM, _TECHNICAL
    refusal_reason = "says the partner does not support membership, or names an obstruction of it"
    technical_reason = "names NATO only for interoperability, standards, a forum or a summit"
    condition_before = _CONDITION_BEFORE


DETECTOR = UkrainianNatoSupportDetector()
