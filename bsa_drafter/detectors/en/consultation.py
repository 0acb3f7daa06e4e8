"""The future-attack consultation: consult within 24 hours after a future armed attack, and
whether "significant escalation" is part of that trigger.

A deadline counts only where the sentence, its paragraph or its chapter is about a future
attack ("24 hours a day" in a logistics sentence is not a consultation), and escalation only
inside the consultation sentence itself, not in a recital or a sanctions paragraph.
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import (
    Detector,
    FeatureSpec,
    Located,
    ParagraphScan,
    Reading,
    Sentence,
    has_any,
    miss_at,
)
from bsa_drafter.detectors.en._words import NUM_WORD, W, parse_number
from bsa_drafter.detectors.text import Pattern, rx
from bsa_drafter.models import Feature

_HOURS = rf"(?P<h>\d{{1,3}}|{NUM_WORD})(?:\s*\(\s*(?:\d{{1,3}}|{NUM_WORD})\s*\))?[\s-]*(?:hours?\b|hrs?\b|h\b)"
DEADLINE = rx(
    rf"(?:within|in|no\s+later\s+than|not\s+later\s+than|inside\s+of|in\s+no\s+more\s+than|at\s+the\s+latest\s+within"
    rf"|before)\s+"
    rf"(?:the\s+first\s+|a\s+|an\s+)?(?:(?:period|space)\s+of\s+)?{_HOURS}"
    rf"|\b(?P<h2>24|twenty[- ]four)[\s-]hours?\s+(?:consultations?|meeting)"
    rf"|\bwithin\s+(?:a\s+(?:period\s+of\s+)?)?(?P<days>\d{{1,2}}|{NUM_WORD}|a\s+single"
    rf"|a)(?:\s*\(\s*\d{{1,2}}\s*\))?\s+days?\b"
)
_HOURS_MARK = rx(r"\dh\b")  # "24h"
_ANY_HOURS = rx(r"\d\s*(?:hours?|hrs?|h)\b|\b(?:twenty|forty|seventy)[- ](?:four|eight|two)\s+hours?|\bhours?\b")
_CONSULT_WORDS = ("consult", "meet", "conven", "confer", "talks", "discuss", "contact each other", "come together")
# consulting as the act itself: "in (close) consultation with allies" only says how something
# else is done
CONSULT = rx(
    r"(?<!\bin\s)(?<!\bclose\s)\bconsult\w*|\bmeet\b|\bmeeting|\bconven\w+|\bconfer\b|\btalks\b|\bdiscuss\w*"
    r"|\bcontact\s+each\s+other|\bcome\s+together"
)
# another action the deadline may belong to ("exchange assessments within 24 hours and consult thereafter")
_OTHER_ACTION = rx(
    r"\b(?:exchange|share|provide|deliver|send|supply|adopt|inform|notify|impose|transmit|submit|prepare|assess"
    r"|establish|respond|reply"
    r"|answer|dispatch|deploy|staff|open|process|handle|fulfil|fill|repair)\w*"
)
ATTACK = rx(
    r"\battack\w*|\baggression|\binvasion|\bescalat\w*|\bthreats?\b|\bhostilit"
    r"|\bbreach\s+of\s+the\s+(?:ceasefire|peace)"
)
_INTENSE = r"(?:significant|serious|major|substantial)"
ESCALATION = rx(
    rf"\b{_INTENSE}(?:\s+(?:and|or)\s+[\w-]+|\s+[\w-]+)?\s+escalation"
    rf"|\b{_INTENSE}ly\s+escalat\w*|\bescalat\w+\s+(?:{W}){{0,3}}?{_INTENSE}ly"
)
_TRIGGER = rx(
    r"\bin\s+(?:the\s+)?(?:event|case)\b|\bshould\b|\bif\b|\bfollowing\b|\bupon\b|\bafter\b|\bwhere\b"
    r"|\bwhen\b|\bin\s+response\s+to\b"
)
_OTHER_SUBJECT = rx(r"\bsanction|\bcyber\s+incident|\bdisinformation")


class ConsultationDetector(Detector):
    features = (
        FeatureSpec("consultation_24h", "consultation within 24 hours after a future armed attack", "flag"),
        FeatureSpec(
            "consultation_hours", "the deadline for that consultation in hours (null when none is stated)", "number"
        ),
        FeatureSpec(
            "escalation_trigger", "'significant escalation' is part of the consultation trigger itself", "flag"
        ),
    )
    order = 40
    tags = {"consultation_24h": "consultation"}
    keywords = ("hour", "hrs", "day", "consult", "meet", "conven", "confer", "talks", "discuss", "escalat")
    # the wording, which a language's subclass replaces: deadlines, consulting, an attack, another
    # act a deadline may belong to, escalation in a trigger, and a consultation denied (English
    # has no such family)
    deadline, consult_words, consult, attack, any_hours, other_action = (
        DEADLINE,
        _CONSULT_WORDS,
        CONSULT,
        ATTACK,
        _ANY_HOURS,
        _OTHER_ACTION,
    )
    escalation_words, escalation, trigger, other_subject = ("escalat",), ESCALATION, _TRIGGER, _OTHER_SUBJECT
    denied: Pattern | None = None

    @staticmethod
    def timed(low: str) -> bool:
        """Whether a sentence (lower case) names hours or days, the cheap test before `deadline`."""
        return "hour" in low or "hrs" in low or "day" in low or _HOURS_MARK.search(low) is not None

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, whole, low = sentence.text, sentence.whole_text, sentence.low
        timed = self.timed(low)
        deadline = self.deadline.search(text) if timed else None
        consult_here = self.consult.search(text) if has_any(low, self.consult_words) else None
        if deadline and not self._for_consulting(text, deadline):
            scan.add_miss("consultation_24h", sentence.miss("a deadline for something other than consulting", 0.6))
            deadline = None
        consults = consult_here or (self.consult.search(whole) if deadline else None)
        if consults and self.denied and self.denied.search(text, 0, consults.end()):
            scan.add_miss("consultation_24h", sentence.miss("says no such consultation is required", 0.7))
            consults = None
        attack = bool(consults) and (bool(self.attack.search(whole)) or self._about_attack(sentence.paragraph))
        if consults and (deadline or consult_here):
            hours = self._hours(deadline) if deadline else None
            start, end = (deadline.start(), deadline.end()) if deadline else (0, len(text))
            scan.add("consultation_24h", sentence.signal(start, end, hours, form="attack" if attack else ""))
        elif timed and self.any_hours.search(text):
            scan.add_miss(
                "consultation_24h",
                sentence.miss("names a number of hours, but not a consultation after an attack", 0.4),
            )
        named = has_any(low, self.escalation_words)
        escalation = self.escalation.search(text) if named else None
        if escalation:
            trigger = self.consult.search(whole) and self.trigger.search(whole) and not self.other_subject.search(whole)
            scan.add(
                "escalation_trigger",
                sentence.signal(escalation.start(), escalation.end(), form="trigger" if trigger else "bare"),
            )
        elif named:
            scan.add_miss(
                "escalation_trigger",
                sentence.miss("names escalation, but neither significant nor serious, and not as a trigger", 0.4),
            )

    def _for_consulting(self, text: str, deadline: re.Match[str]) -> bool:
        """Whether the deadline belongs to consulting: to the nearest action before it when that is
        consulting ("will consult, at the request of either, within 24 hours"), not when it is
        another ("exchange assessments within 24 hours and consult thereafter"); a deadline that
        opens the sentence belongs to its main verb ("Within 24 hours ..., they will consult")."""
        if deadline.group("h2"):
            return True
        consulting = list(self.consult.finditer(text, 0, deadline.start()))
        other = list(self.other_action.finditer(text, 0, deadline.start()))
        if consulting and (not other or other[-1].start() < consulting[-1].start()):
            return True
        return not other and self.consult.search(text, deadline.end()) is not None

    _last_paragraph: tuple[str, bool] = ("", False)

    def _about_attack(self, paragraph: str) -> bool:
        """Whether the paragraph speaks of an attack; remembered for its next sentences."""
        last = self._last_paragraph
        if last[0] is paragraph:
            return last[1]
        about = self.attack.search(paragraph) is not None
        self._last_paragraph = (paragraph, about)
        return about

    @staticmethod
    def _hours(deadline: re.Match[str]) -> int | None:
        days = deadline.group("days")
        if days:
            count = 1 if days.lower().startswith("a") else parse_number(days.replace(" ", "-"))
            return count * 24 if count else None
        raw = deadline.group("h") or deadline.group("h2")
        return parse_number(raw.replace(" ", "-")) if raw else None

    def combine(self, reading: Reading) -> dict[str, Feature]:
        consultations: list[Located] = []
        elsewhere = []
        for located in reading.located("consultation_24h"):
            index, signal = located
            if (
                signal.form == "attack"
                or reading.chapters[index] == "attack"
                or self.attack.search(reading.unit_text(index))
            ):
                consultations.append(located)
            else:
                elsewhere.append(miss_at(located, "a consultation that is not about a future attack", 0.6))
        within_day = [c for c in consultations if c[1].value == 24]
        timed = [c for c in consultations if c[1].value is not None]
        chosen = within_day or timed
        hours = chosen[0][1].value if chosen else None
        slower = [
            miss_at(c, f"a consultation after an attack within {c[1].value} hours, not 24", 0.9)
            for c in timed
            if c[1].value != 24
        ]
        untimed = [
            miss_at(c, "a consultation after an attack without a deadline", 0.8)
            for c in consultations
            if c[1].value is None
        ]
        consultation = reading.flag("consultation_24h", hits=within_day, misses=[*slower, *untimed, *elsewhere])
        hours_feature = Feature(hours, [reading.evidence(*chosen[0])] if chosen else [])
        if not chosen:
            hours_feature.closest = reading.closest("consultation_24h", [*untimed, *elsewhere])
        return {
            "consultation_24h": consultation,
            "consultation_hours": hours_feature,
            "escalation_trigger": self._escalation(reading, consultations),
        }

    @staticmethod
    def _escalation(reading: Reading, consultations: list[Located]) -> Feature:
        """Escalation counts inside the consultation sentence, or as an item of a list whose lead
        is the consultation ("will consult within 24 hours if: - ...; - there is a significant
        escalation"), and not in another chapter than the future-attack one."""
        consulting = {index for index, _ in consultations}
        counted, misses = [], []
        for located in reading.located("escalation_trigger"):
            index, signal = located
            other = reading.outside(index, "attack")
            in_list = signal.form == "bare" and reading.lead_of(index) in consulting and reading.lead_of(index) != index
            if other:
                misses.append(
                    miss_at(located, f"an escalation trigger in the {other} chapter, not the future-attack one", 0.8)
                )
            elif signal.form == "trigger" or in_list:
                counted.append(located)
            else:
                misses.append(miss_at(located, "names escalation outside the consultation trigger", 0.7))
        return reading.flag("escalation_trigger", hits=counted, misses=misses)


DETECTOR = ConsultationDetector()
