"""The NATO-status clause in Ukrainian: what becomes of the agreement if, or when, Ukraine joins
NATO («у разі набуття Україною членства в НАТО ... Учасники вирішать питання про її подальший
статус»; «зустрінуться й проведуть консультації»; «змінять і адаптують»; «переглянуть цю Угоду»)."""

from __future__ import annotations

from bsa_drafter.detectors.en.nato_status import NatoStatusDetector
from bsa_drafter.detectors.text import rx
from bsa_drafter.detectors.uk._words import AGREEMENT, NATO, NATO_REF, NATO_WORDS, W

_WHEN = (
    r"(?:\b(?:у|в)\s+(?:разі|випадку)(?:\s+якщо)?|\bякщо\b|\bколи\b|\bпісля\b|\bщойно\b|\bяк\s+тільки\b|\bз\s+моменту"
    r"|\bпо\s+набутті|\bпісля\s+того,?\s+як)"
)
_JOINS = (
    r"(?:стане|стала|стануть|вступить|вступу|вступ|приєднається|приєднання|набуде|набуття|набула|членств\w*"
    r"|прийнятт\w*|прийнят\w+)"
)
# NATO, or an «Союзник» (capitalised: a member of the Alliance)
_NATO_OR_ALLY = rf"(?:{NATO}|(?-i:Союзник)\w*)"
TRIGGER = rx(rf"{_WHEN}\s+(?:{W}){{0,6}}?{_JOINS}\s+(?:{W}){{0,3}}?{_NATO_OR_ALLY}")
# Ukraine's accession to NATO named without a condition («Набуття Україною членства в НАТО не означатиме ...»)
ACCESSION = rx(
    rf"\b(?:(?:набутт\w+|отриманн\w+)\s+україною\s+членств\w+"
    rf"|(?:членств\w*|вступ\w*|приєднанн\w*|прийнятт\w*)\s+україн\w+)"
    rf"\s+(?:в|у|до)\s+{NATO}"
)
_ITS = rf"(?:{AGREEMENT}|\bїї\s+(?:подальш\w+|майбутн\w+)|\b(?:статус\w*|дол\w+|форм\w+)\s+(?:{W}){{0,2}}?{AGREEMENT})"
# after the trigger: the agreement's fate decided; before it: the same said first
_FATE_AFTER = rx(
    rf"статус|{AGREEMENT}|\bїї\s+(?:подальш|майбутн)|\bперегля|\bпереоцін|\bзмін\w*|\bадапт|\bприпин|\bконсульт"
    r"|\bзустрін|\bпорад|\bвиріш|\bвизнач|\bдомов|\bузгод|\bоцін"
)
_FATE_BEFORE = rx(
    rf"\bстатус\w*\b|\bмайбутн\w+\s+{AGREEMENT}|(?:переглян|перегляд|переоцін|змін|адапт|замін)\w*\s+(?:{W}){{0,3}}?"
    rf"{AGREEMENT}|{AGREEMENT}\s+(?:{W}){{0,3}}?(?:бути\s+)?(?:переглянут|змінен|адаптован|замінен)\w*"
    r"|\bзустрін\w+\s+(?:і|й|та)\s+(?:порад|обговор|провед)"
)
_ITS_FATE = rx(_ITS)
_DECISION = rx(
    r"\bперегля|\bпереоцін|\bзмін|\bадапт|\bвиріш|\bвизнач|\bконсульт|\bпорад|\bприпин|\bдіятим|\bзастосовуватим"
    r"|\bзалиша\w+\s+чинн|\bстатус|\bдомов|\bузгод"
)
_JOIN_WORDS = ("стан", "вступ", "приєдна", "набу", "членств", "прийнят")
_ABOUT_JOINING = rx(rf"(?:вступ\w*|членств\w*|приєднанн\w*|стан\w+\s+членом)\s+(?:{W}){{0,3}}?(?:до|в|у)?\s*{NATO}")


class UkrainianNatoStatusDetector(NatoStatusDetector):
    keywords = (*NATO_WORDS, "союзник")
    ukraine_word, join_words = "україн", _JOIN_WORDS
    trigger, accession, fate_after, fate_before = TRIGGER, ACCESSION, _FATE_AFTER, _FATE_BEFORE
    its_fate, decision, about_joining = _ITS_FATE, _DECISION, _ABOUT_JOINING

    @staticmethod
    def names_nato(text: str, low: str) -> bool:
        return NATO_REF.search(text) is not None or "Союзник" in text


DETECTOR = UkrainianNatoStatusDetector()
