"""The NATO-status clause in Ukrainian: what becomes of the agreement if, or when, Ukraine joins
NATO («у разі набуття Україною членства в НАТО ... Учасники вирішать питання про її подальший
статус»; «зустрінуться й проведуть консультації»; «змінять і адаптують»; «переглянуть цю Угоду»)."""

from __future__ import annotations

from bsa_drafter.detectors.base import ParagraphScan, Sentence, has_any
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

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, whole = sentence.text, sentence.whole_text
        if not NATO_REF.search(text) and "Союзник" not in text:
            return
        joins = "україн" in sentence.low and has_any(sentence.low, _JOIN_WORDS)
        trigger = TRIGGER.search(text) if joins else None
        if trigger and "україн" not in trigger.group(0).lower():
            trigger = None  # Ukraine named after NATO: «Після вступу до НАТО Україна зробить внесок ...»
        if trigger and (_FATE_AFTER.search(text, trigger.end()) or _FATE_BEFORE.search(text, 0, trigger.start())):
            scan.add("nato_status_clause", sentence.signal(trigger.start(), len(text)))
            return
        accession = trigger or (ACCESSION.search(whole) if "україн" in sentence.whole_low else None)
        if accession and _ITS_FATE.search(whole) and _DECISION.search(whole):
            scan.add("nato_status_clause", sentence.signal(0, len(text)))
        elif accession:
            scan.add_miss(
                "nato_status_clause",
                sentence.miss("names Ukraine joining NATO without saying what becomes of the agreement", 0.7),
            )
        elif _ABOUT_JOINING.search(text):
            scan.add_miss(
                "nato_status_clause",
                sentence.miss("names Ukraine's NATO membership, not the agreement's fate when it comes", 0.5),
            )


DETECTOR = UkrainianNatoStatusDetector()
