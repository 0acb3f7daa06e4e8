"""The future-attack consultation in Ukrainian: «у разі майбутнього збройного нападу ... Учасники
на прохання будь-якого з них проведуть консультації протягом 24 годин», with the number in
figures, words and both («двадцяти чотирьох (24) годин», «24-х годин», «24 год.»), a day as
«доби», and «значна / серйозна ескалація» as part of the trigger.

As in English: a deadline counts where the sentence, its paragraph or its chapter is about a
future attack («24 години на добу» in a hotline sentence is not a consultation), and escalation
only inside the consultation sentence.
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import has_any
from bsa_drafter.detectors.en.consultation import ConsultationDetector
from bsa_drafter.detectors.text import rx
from bsa_drafter.detectors.uk._words import DIGITS, PERIOD_WORD, W, parse_number

_COUNT = rf"(?:{DIGITS}|{PERIOD_WORD})"
_REPEATED = r"(?:\s*\([\w' -]{1,30}\))?"  # «24 (двадцяти чотирьох)»: the number again, in brackets
_HOURS = rf"(?P<h>{_COUNT}){_REPEATED}\s*-?\s*(?:годин\w*|год\b\.?)"
_COUNTED = rf"{_COUNT}{_REPEATED}\s*"
_DAYS = rf"(?P<days>(?:{_COUNTED})?(?:доби|діб|добу)\b|{_COUNTED}дн(?:я|ів)\b)"
_WITHIN = (
    r"(?:протягом|впродовж|упродовж|на\s+протязі|у\s+межах|в\s+межах|не\s+пізніше(?:\s+ніж)?(?:\s+(?:через|за))?"
    r"|не\s+більше\s+ніж\s+за|за|через)"
)
DEADLINE = rx(
    rf"\b{_WITHIN}\s+(?:перших\s+)?{_HOURS}"
    rf"|\b(?P<h2>24|двадцяти\s*чотирьох|двадцятичотирьох)[\s-]*годинн\w+\s+(?:консультаці|зустріч|нарад)"
    rf"|\b(?:протягом|впродовж|упродовж|на\s+протязі|не\s+пізніше(?:\s+ніж)?(?:\s+(?:через|за))?)\s+{_DAYS}"
)
_TIMED_WORDS = ("годин", "год.", "год ", "доби", "добу", "діб", "дня", "днів")
_ANY_HOURS = rx(r"\d\s*(?:-?х\s+)?годин|\bгодин\w*")
_CONSULT_WORDS = ("консульт", "зустрін", "зустріч", "зустрі", "нарад", "обговор", "порад", "скликат")
# consulting as the act itself: «у тісній консультації з союзниками» only says how something else is done
CONSULT = rx(
    r"\b(?:(?<!\bу\s)(?<!\bв\s)(?<!\bтісній\s)(?<!\bтісних\s)(?:про)?консульт\w*|зустрін\w+|зустрічат\w+|зустріч\w*"
    r"|нарад\w*|обговор\w*|порадит\w+|порадят\w+|скликат\w*|збер\w+\s+разом)"
)
# another action the deadline may belong to («повідомлятимуть один одного протягом 24 годин»)
_OTHER_ACTION = rx(
    r"\b(?:обмін\w*|обміню\w*|надав\w*|надасть|надати|надання|постач\w*|поставк\w*|достав\w*|передав\w*|передасть"
    r"|повідом\w*|інформу\w*|поінформ\w*|розгляд\w*|розгляне|розглянут\w*|запровад\w*|ухвал\w*|відповід\w*|підготу\w*"
    r"|направ\w*|оцін\w*|реагу\w*|відправ\w*|розгорн\w*|відкри\w*|оброб\w*|виконає|виконуватим\w*)"
)
ATTACK = rx(
    r"\bнапад\w*|\bагресі\w*|\bвторгнен\w*|\bескалац\w*|\bзагроз\w*|\bбойов\w+\s+ді\w*"
    r"|\bпорушенн\w*\s+(?:режиму\s+)?(?:припинення\s+вогню|миру)"
)
_INTENSE = r"(?:значн|серйозн|суттєв|істотн|масштабн)\w*"
# «значна ескалація», also «значне загострення» (aggravation), a rendering some texts use
ESCALATION = rx(
    rf"\b{_INTENSE}\s+(?:(?:і|та|чи|або)\s+\w+\s+|\w+\s+)?(?:ескалаці\w*|загострен\w*)"
    rf"|\bескалац\w+\s+(?:{W}){{0,2}}?(?:значн|серйозн)\w*"
    rf"|\b(?:значно|серйозно|суттєво|істотно)\s+(?:{W}){{0,1}}?ескал\w+"
)
_TRIGGER = rx(r"\b(?:у|в)\s+(?:разі|випадку)\b|\bякщо\b|\bпісля\b|\bколи\b|\bу\s+відповідь\s+на\b|\bщойно\b")
_OTHER_SUBJECT = rx(r"санкці|кіберінцидент|кібератак|дезінформац")
# «не зобов'язує проводити консультації», «не проводитимуть»
_DENIED = rx(rf"\bне\s+(?:{W}){{0,2}}?(?:зобов'яз|передбача|вимага|проводит|консульт|зустріч)\w*")


class UkrainianConsultationDetector(ConsultationDetector):
    keywords = (
        *_TIMED_WORDS,
        "консульт",
        "зустр",
        "нарад",
        "обговор",
        "порад",
        "скликат",
        "ескалац",
        "загострен",
    )
    deadline, consult_words, consult, attack, any_hours, other_action = (
        DEADLINE,
        _CONSULT_WORDS,
        CONSULT,
        ATTACK,
        _ANY_HOURS,
        _OTHER_ACTION,
    )
    escalation_words, escalation, trigger, other_subject = ("ескал", "загострен"), ESCALATION, _TRIGGER, _OTHER_SUBJECT
    denied = _DENIED

    @staticmethod
    def timed(low: str) -> bool:
        return has_any(low, _TIMED_WORDS)

    @staticmethod
    def _hours(deadline: re.Match[str]) -> int | None:
        days = deadline.group("days")
        if days:
            return (parse_number(days) or 1) * 24  # «доби» alone is one day
        if deadline.group("h2"):
            return 24
        return parse_number(deadline.group("h"))


DETECTOR = UkrainianConsultationDetector()
