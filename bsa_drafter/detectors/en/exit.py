"""Exit and notice: may either side end the agreement on its own, and on how much notice?

Every exit clause is an occurrence of its own, judged with its own notice period: an exit
sentence typed into a recital does not hide the Termination clause, nor lend it its notice.
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import Detector, FeatureSpec, Located, ParagraphScan, Reading, Sentence, has_any
from bsa_drafter.detectors.en._words import AGREEMENT_OR_IT, NUMBER, SIDE, W, parse_number
from bsa_drafter.detectors.text import Pattern, rx
from bsa_drafter.models import Feature, Hit

_END_PASSIVE = r"(?:terminated|discontinued|denounced|ended|brought\s+to\s+an\s+end|revoked|cancell?ed|rescinded)"
# verb forms with small slips of grammar too ("may terminates")
_END_ACTIVE = (
    r"(?:terminat(?:e|es|ing)|discontinu(?:e|es|ing)|denounc(?:e|es|ing)|withdraw(?:s|ing)?\s+from|ends?"
    r"|bring\s+to\s+an\s+end"
    r"|put\s+an\s+end\s+to|revokes?|cancel|rescind|leaves?|exit|pull\s+out\s+of)"
)
_OWN_SHARE = r"(?:(?:its|their)\s+(?:participation|involvement|commitments?)\s+(?:in|under)\s+)?"
_RIGHT = (
    r"(?:may|can|could|might|is\s+entitled\s+to|are\s+entitled\s+to|(?:has|have|retains?)\s+the\s+right\s+to"
    r"|reserves?\s+the\s+right\s+to"
    r"|is\s+free\s+to|are\s+free\s+to|shall\s+be\s+entitled\s+to|shall\s+have\s+the\s+right\s+to"
    r"|will\s+have\s+the\s+right\s+to)"
)
EXIT_ACTIVE = rx(
    rf"\b{_RIGHT}\s+(?:{W}){{0,5}}?{_END_ACTIVE}\s+{_OWN_SHARE}{AGREEMENT_OR_IT}"
    rf"|\b{_RIGHT}\s+(?:{W}){{0,5}}?(?:bring|put)\s+{AGREEMENT_OR_IT}\s+to\s+an\s+end"
    # "should either side wish to terminate this Agreement, it may do so"
    rf"|\b(?:wish(?:es)?|intends?|decides?|wants?)\s+to\s+{_END_ACTIVE}\s+{_OWN_SHARE}{AGREEMENT_OR_IT},?\s+(?:it|they"
    rf"|that\s+{SIDE})\s+{_RIGHT}\s+do\s+so"
)
EXIT_PASSIVE = rx(
    rf"{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?(?:may|can|could"
    rf"|might)\s+(?:{W}){{0,3}}?be\s+(?:{W}){{0,2}}?{_END_PASSIVE}"
)
EXIT_RIGHT = rx(
    rf"\bright\s+(?:{W}){{0,2}}?to\s+(?:terminate|withdraw\s+from|denounce"
    rf"|discontinue)\s+{_OWN_SHARE}{AGREEMENT_OR_IT}"
)
# "this Agreement will terminate six months after either side notifies the other"
EXIT_BY_NOTICE = rx(
    rf"(?:{AGREEMENT_OR_IT}\s+(?:will|shall)\s+(?:be\s+terminated|terminate|end|expire|cease\s+to\s+(?:have\s+effect"
    rf"|be\s+in\s+(?:force|effect)|apply))"
    rf"|\b(?:termination|withdrawal|denunciation)\s+(?:of\s+{AGREEMENT_OR_IT}\s+)?(?:will|shall)\s+(?:take|takes|become"
    rf"|becomes|have)\s+effect(?:ive)?)"
    rf"\s+(?:{W}){{0,8}}?(?:after|following|from|upon|on|as\s+of)\s+(?:{W}){{0,8}}?"
    r"(?:receipt|receiving|notification|notice|notifies|notified|informs|informed|receives)"
)
# one side acting alone, even beside a mutual route ("either Participant, or both by mutual consent")
_ONE_SIDE = rx(
    r"\b(?:either|each|one\s+of\s+the|a\s+(?:participant|party|side|state))\b|\bany\s+(?:participant|party"
    r"|side|state)|unilateral|\bwithdraw|\bits\s+own"
)
# cues of an exit by notice that do not by themselves say who may act
_BY_NOTICE = rx(r"at\s+any\s+(?:time|moment)|\bnotice|\bnotif")
_MUTUAL = rx(
    r"\bmutual(?:ly)?\b|\bjointly\b|\btogether\b|\bboth\s+(?:participants|parties|sides|states|confirm|agree|consent"
    r"|decide)\b"
    r"|common\s+(?:accord|consent)|\bby\s+(?:their\s+)?agreement\b|\bexchange\s+of\s+notes"
)
_PLURAL_SUBJECT = rx(rf"^(?:the\s+)?(?:two\s+)?{SIDE}\s*$|\bboth\b")
_NOT_SUBJECT = rx(r"(?:\bunder|\bof|\bpursuant\s+to|\bin|\bwithin|\bby|\bwith|\bto|\bfrom)\s+$")
EXIT_NEGATED = rx(
    rf"{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?(?:may|can|shall|will"
    rf"|could)\s+not\s+(?:{W}){{0,2}}?be\s+(?:{W}){{0,2}}?{_END_PASSIVE}"
    rf"|\bcannot\s+(?:{W}){{0,2}}?be\s+{_END_PASSIVE}"
    rf"|\b(?:no|neither)\s+(?:of\s+the\s+)?{SIDE}\s+(?:{W}){{0,2}}?(?:may|can|will|shall"
    rf"|is\s+entitled\s+to)\s+(?:{W}){{0,2}}?{_END_ACTIVE}"
    rf"|\b(?:do|does|will|shall)\s+not\s+(?:intend|wish|plan)\s+to\s+{_END_ACTIVE}"
)
_INFORM = (
    r"(?:(?:inform|notify|advise|tell|warn)\w*|let\s+(?>[\w'\-]+\s+){0,3}?know|keep\s+(?>[\w'\-]+\s+){0,3}?(?:informed"
    r"|aware|notified)"
    r"|give\s+(?>[\w'\-]+\s+){0,6}?(?:notice|notification))"
)
_INTENT = r"(?:intention|intent|decision|wish|plan|desire|willingness)s?"
# what is ended must be the agreement (or nothing named): not "an implementing arrangement"
_ENDS_IT = (
    r"(?:terminate|discontinue|end|withdraw(?:\s+from)?|cease|leave|exit|denounce|bring|put\s+an\s+end\s+to)"
    rf"(?=\s*(?:[,.;:]|$)|\s+(?:(?:its|their)\s+(?:participation|involvement)\b|{AGREEMENT_OR_IT}))"
)
SOFT_EXIT = rx(
    rf"\b{_INFORM}\s+(?:{W}){{0,6}}?(?:of|about|regarding|on"
    rf"|concerning)\s+(?:{W}){{0,3}}?{_INTENT}\s+to\s+(?:{W}){{0,1}}?{_ENDS_IT}"
    rf"|\b(?:notice|notification)\s+(?:of|about)\s+(?:{W}){{0,3}}?{_INTENT}\s+to\s+{_ENDS_IT}"
    rf"|\b(?:wish(?:es)?|intends?|decides?|plans?|wants?)\s+to\s+(?:terminate|discontinue|end|withdraw\s+from|leave"
    rf"|denounce)\s+"
    rf"(?:{W}){{0,8}}?(?:it|they|that\s+{SIDE})\s+(?:will|shall|should|is\s+to|are\s+to"
    rf"|undertakes?\s+to)\s+(?:{W}){{0,2}}?{_INFORM}"
)
_SOFT_RIGHT = rx(r"\b(?:may|can|is\s+entitled\s+to)\s+(?>\w+\s+){0,2}?(?:notify|give\s+(?>\w+\s+){0,2}?notice)")

_TIME_UNIT = r"(?:calendar\s+)?(?:months?|years?|days|weeks)"
_N = rf"(?P<n>{NUMBER}|an?|one)"
# (pattern, words one of which the sentence must hold first)
_NOTICE: list[tuple[Pattern, tuple[str, ...]]] = [
    (
        rx(
            rf"{_N}[\s-]*(?P<u>{_TIME_UNIT})(?:'s|s?')?\s+(?:(?:prior|advance|written|previous|formal"
            rf"|diplomatic)\s+)*(?:written\s+)?(?:notice|notification)"
        ),
        ("notice", "notif"),
    ),
    (
        rx(
            rf"(?:notice|notification)\s+(?:period\s+)?of\s+(?:at\s+least\s+|not\s+less\s+than\s+|no\s+less\s+than\s+"
            rf"|a\s+minimum\s+of\s+)?{_N}[\s-]*(?P<u>{_TIME_UNIT})"
        ),
        ("notice", "notif"),
    ),
    (
        rx(rf"period\s+of\s+(?:notice|notification)\s+of\s+(?:at\s+least\s+)?{_N}[\s-]*(?P<u>{_TIME_UNIT})"),
        ("period of notice", "period of notif"),
    ),
    (
        rx(
            rf"{_N}[\s-]*(?P<u>{_TIME_UNIT})\s+(?:from|after|following|of|since)\s+(?:{W}){{0,6}}?"
            r"(?:receipt|receiving|notification|notice|delivery|the\s+(?:date|day)\s+(?:on|of)|the\s+other|it\s+(?:is"
            r"|was)\s+received)"
        ),
        ("receipt", "receiv", "notif", "notice", "deliver", "date", "day", "other"),
    ),
    (
        rx(
            rf"(?:at\s+least|no\s+(?:later|less)\s+than|not\s+less\s+than|a\s+minimum\s+of|preferably|ideally"
            rf"|some)\s+{_N}[\s-]*(?P<u>{_TIME_UNIT})"
            r"\s+(?:prior|before|in\s+advance|beforehand|ahead)"
        ),
        ("prior", "before", "advance", "ahead"),
    ),
    (rx(rf"{_N}[\s-]*(?P<u>{_TIME_UNIT})\s+in\s+advance"), ("in advance",)),
    (
        rx(
            rf"{_N}[\s-]*(?P<u>{_TIME_UNIT})\s+(?:prior\s+to|before)\s+(?:{W}){{0,4}}?(?:termination|withdrawal"
            rf"|the\s+(?:intended|planned|envisaged|proposed)\s+date)"
        ),
        ("prior to", "before"),
    ),
    (
        rx(
            r"(?P<immediate>with\s+immediate\s+effect|immediately\s+(?:upon|on|after)\s+(?:its\s+|the\s+)?(?:receipt"
            r"|notification|notice)|takes?\s+effect\s+immediately)"
        ),
        ("immediate",),
    ),
    # effect on the day the notice arrives is immediate effect
    (
        rx(
            rf"(?P<immediate>(?:take|takes|taking|become|becomes)\s+effect(?:ive)?\s+(?:on|upon|from"
            rf"|as\s+of)\s+(?:the\s+(?:date|day|moment)\s+(?:of|on\s+which|when)\s+(?:{W}){{0,4}}?)?"
            r"(?:(?:the\s+)?receipt|receives|received|receiving|(?:the\s+)?delivery"
            r"|(?:the\s+)?notification\s+is\s+received))"
        ),
        ("effect",),
    ),
    (
        rx(
            r"(?P<halfyear>half\s+a\s+year|(?:a\s+)?half-year)(?:'s)?\s+(?:after|from|following|notice|prior|before"
            r"|in\s+advance)"
        ),
        ("half",),
    ),
]
_EXTENSION = rx(r"\bextend|\bextension|\brenew|\bprolong|\blapse\b|expir|\bnon-renewal|\bsuccessive")
_CONTRACT_END = rx(
    rf"\b(?:terminat|discontinu|cancel)\w*\s+(?:{W}){{0,3}}?(?:contracts?|orders?|arrangements?"
    rf"|projects?|programmes?|programs?|supplies|supply)"
)


# cheap substring tests before the patterns (on long sentences a pattern search is slow)
_ENDING_WORDS = (
    "terminat",
    "discontinu",
    "withdraw",
    "denounc",
    "end",
    "cease",
    "revok",
    "cancel",
    "leav",
    "exit",
    "rescind",
)
_AGREEMENT_WORDS = (
    "agreement",
    "accord",
    "arrangement",
    "memorandum",
    "declaration",
    "document",
    "treaty",
    "compact",
    "it ",
)
_RIGHT_WORDS = ("may", "can", "could", "might", "entitled", "right", "free to")
_INTENT_WORDS = ("intent", "intend", "decision", "decide", "wish", "plan", "desire", "willing", "want")
_TIME_WORDS = ("month", "year", "day", "week", "receipt", "receiv")
_NOTICE_WORDS = ("notice", "notif", "receipt", "receiv", "advance", "prior", "before", "deliver", "date", "other")


def _months(groups: dict[str, str | None]) -> int | None:
    """Months of a stated period, from a match of one of _NOTICE ("six months", "90 days")."""
    n = parse_number(groups["n"] or "")
    if n is None:
        return None
    unit = (groups["u"] or "").lower()
    if "year" in unit:
        return n * 12
    if "week" in unit:
        return max(1, round(n / 4.33))
    if "day" in unit:
        return max(1, round(n / 30))
    return n


# the agreement at the start of an exit by notice ("this Agreement will terminate"), which must
# then be the subject; a "termination will take effect" is one whatever stands before it
_EFFECT_NAMES_AGREEMENT = rx(r"this|the|present|said|our")


class ExitDetector(Detector):
    features = (
        FeatureSpec(
            "unilateral_exit",
            "'yes' (either side may end it by notice or at any time), 'soft' (only to inform of an intention) or 'no'",
            "choice",
            per_occurrence=True,
        ),
        FeatureSpec(
            "notice_months", "months of notice of the exit (null when none is stated; 0 for immediate effect)", "number"
        ),
    )
    order = 10
    keywords = (*_ENDING_WORDS, "notice", "notif", "receipt", "advance", "prior", "immediate")
    tags = {"unilateral_exit": "exit"}
    # the wording, which a language's subclass replaces, each pattern with the cheap words tested
    # before it: ending the agreement and its grants, an exit by notice taking effect, the soft
    # exit, who may act, what is not the subject, and the notice periods
    ending_words, agreement_words, agreement_named = _ENDING_WORDS, _AGREEMENT_WORDS, ("agreement", "arrangement")
    negation_words, exit_negated, extension, contract_end = (
        ("not", "neither", "no "),
        EXIT_NEGATED,
        _EXTENSION,
        _CONTRACT_END,
    )
    grants: tuple[tuple[Pattern, tuple[str, ...]], ...] = (
        (EXIT_ACTIVE, _RIGHT_WORDS),
        (EXIT_RIGHT, ("right",)),
        (EXIT_PASSIVE, (" be ",)),
    )
    exit_passive = EXIT_PASSIVE
    effect_words, effect = ("will", "shall"), EXIT_BY_NOTICE
    # the agreement at the start of an exit taking effect, which must then be the subject
    # (None: the match must always be the subject)
    effect_names_agreement: Pattern | None = _EFFECT_NAMES_AGREEMENT
    # what else a sentence must hold for the agreement ending by itself to be an exit by notice
    # (English holds the notice and the delay inside EXIT_BY_NOTICE)
    effect_cues: tuple[Pattern, ...] = ()
    # words of an exit taking effect without the agreement named again (Ukrainian
    # «вихід набирає чинності»; English needs the agreement named)
    takes_effect_words: tuple[str, ...] = ()
    intent_words, soft_exit, soft_right = _INTENT_WORDS, SOFT_EXIT, _SOFT_RIGHT
    one_side, mutual, plural_subject, by_notice = _ONE_SIDE, _MUTUAL, _PLURAL_SUBJECT, _BY_NOTICE
    not_subject, subject_reach = _NOT_SUBJECT, 16
    time_words, notice_words, immediate_word, notice_named = (
        _TIME_WORDS,
        _NOTICE_WORDS,
        "immediate",
        ("notice", "notif"),
    )
    notice = _NOTICE
    months = staticmethod(_months)
    # a bare period ("in three months"), counted only in a sentence that itself gives the exit,
    # with its words; English states its periods as notice
    bare_period: tuple[Pattern, tuple[str, ...]] | None = None

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, low = sentence.text, sentence.low
        exit_found = (
            has_any(low, self.ending_words)
            and (has_any(low, self.agreement_words) or has_any(low, self.takes_effect_words))
            and self._scan_exit(sentence, scan)
        )
        if not (has_any(low, self.time_words) and has_any(low, self.notice_words) or self.immediate_word in low):
            return
        if exit_found or not self.extension.search(text):
            self._scan_notice(sentence, scan, exit_found)
        elif has_any(low, self.notice_named):
            scan.add_miss(
                "notice_months",
                sentence.miss("a notice period for extending or renewing the term, not for an exit", 0.6),
            )

    def _scan_exit(self, sentence: Sentence, scan: ParagraphScan) -> bool:
        text, low = sentence.text, sentence.low
        if has_any(low, self.negation_words) and self.exit_negated.search(text):
            scan.add_miss("unilateral_exit", sentence.miss("says the agreement may not be ended by one side", 0.9))
            return False
        for pattern, words in self.grants:
            if not has_any(low, words):
                continue
            for match in pattern.finditer(text):
                if pattern is self.exit_passive and not self._is_subject(text, match.start()):
                    continue
                if self._unilateral(text, match, pattern):
                    scan.add("unilateral_exit", sentence.signal(match.start(), match.end(), "yes", form="grant"))
                    return True
                scan.add_miss("unilateral_exit", sentence.miss("allows termination only by both sides together", 0.85))
                return False
        effect = self.effect.search(text) if has_any(low, self.effect_words) else None
        if (
            effect
            and all(cue.search(text) for cue in self.effect_cues)
            and (
                (self.effect_names_agreement and not self.effect_names_agreement.match(effect.group(0)))
                or self._is_subject(text, effect.start())
            )
        ):
            scan.add("unilateral_exit", sentence.signal(effect.start(), effect.end(), "yes", form="effect"))
            return True
        soft = self.soft_exit.search(text) if has_any(low, self.intent_words) else None
        if soft:
            value = "yes" if self.soft_right.search(text) else "soft"
            scan.add("unilateral_exit", sentence.signal(soft.start(), soft.end(), value, form="inform"))
            return True
        if self.contract_end.search(text):
            scan.add_miss("unilateral_exit", sentence.miss("ends a contract or a programme, not the agreement", 0.6))
        elif has_any(low, self.agreement_named):
            scan.add_miss(
                "unilateral_exit",
                sentence.miss("speaks of ending without giving either side a way to end the agreement", 0.4),
            )
        return False

    def _is_subject(self, text: str, start: int) -> bool:
        """Whether the agreement at `start` is the subject, not 'arrangements under this Agreement'."""
        return not self.not_subject.search(text[max(0, start - self.subject_reach) : start])

    def _unilateral(self, text: str, match: re.Match[str], pattern: Pattern) -> bool:
        """Whether the grant is for one side alone, not for both together: one side named alone
        decides; otherwise mutual wording rules it out, and a plural subject ("the Participants
        may terminate") or a passive needs a cue of exit by notice or at any time."""
        if self.one_side.search(text):
            return True
        if self.mutual.search(text):
            return False
        if pattern is self.exit_passive or self.plural_subject.search(
            text[: match.start()].rstrip(" ,").rsplit(",", 1)[-1].strip()
        ):
            return bool(self.by_notice.search(text))
        return True

    def _scan_notice(self, sentence: Sentence, scan: ParagraphScan, exit_here: bool) -> None:
        best: tuple[int, int, int] | None = None
        patterns = [*self.notice, self.bare_period] if exit_here and self.bare_period else self.notice
        for pattern, words in patterns:
            if not has_any(sentence.low, words):
                continue
            match = pattern.search(sentence.text)
            if not match:
                continue
            groups = match.groupdict()
            if groups.get("immediate"):
                months: int | None = 0
            elif groups.get("halfyear"):
                months = 6
            elif groups.get("year"):
                months = 12
            else:
                months = self.months(groups)
            if months is not None and (best is None or match.start() < best[0]):
                best = (match.start(), match.end(), months)
        if best is not None:
            scan.add("notice_months", sentence.signal(best[0], best[1], best[2]))

    def combine(self, reading: Reading) -> dict[str, Feature]:
        clauses = self._exit_clauses(reading)
        occurrences: list[Hit] = []
        notice_evidence: dict[int, Located] = {}
        for number, (members, notice) in enumerate(clauses):
            value = "yes" if any(signal.value == "yes" for _, signal in members) else "soft"
            occurrence = reading.hit(
                members[0], value=value, related={"notice_months": notice[1].value if notice else None}
            )
            occurrences.append(occurrence)
            if notice:
                notice_evidence[number] = notice
        value = "yes" if any(o.value == "yes" for o in occurrences) else "soft" if occurrences else "no"
        exits = Feature(
            value,
            [o.evidence for o in occurrences if o.value == value],
            occurrences,
            [] if occurrences else reading.closest("unilateral_exit"),
        )
        stated = [
            (o.related["notice_months"], n)
            for n, o in enumerate(occurrences)
            if o.value == value and n in notice_evidence
        ]
        if stated:
            months, number = min(stated)
            notice = Feature(months, [reading.evidence(*notice_evidence[number])])
        else:
            notice = Feature(None, closest=reading.closest("notice_months") if occurrences else [])
        return {"unilateral_exit": exits, "notice_months": notice}

    @staticmethod
    def _exit_clauses(reading: Reading) -> list[tuple[list[Located], Located | None]]:
        """Exit signals grouped into exit clauses, each with its own notice period: signals in one
        paragraph are one clause, and a paragraph that only says when termination takes effect
        continues the clause before it. The notice is the first period stated from the clause's
        first sentence on (in its paragraph, or the next one), before the next exit clause."""
        groups: list[list[Located]] = []
        for located in reading.located("unilateral_exit"):
            index, signal = located
            if groups:
                last_index = groups[-1][-1][0]
                same = last_index == index
                continuation = (
                    signal.form == "effect"
                    and reading.next_text(last_index) == index
                    and not any(other.form != "effect" for other in reading.scans[index].get("unilateral_exit"))
                )
                if same or continuation:
                    groups[-1].append(located)
                    continue
            groups.append([located])
        notices = reading.located("notice_months")
        clauses: list[tuple[list[Located], Located | None]] = []
        for number, members in enumerate(groups):
            first_index, first = members[0]
            paragraphs = {index for index, _ in members}
            following = reading.next_text(max(paragraphs))
            later = groups[number + 1][0] if number + 1 < len(groups) else None
            if following is not None and (later is None or later[0] != following):
                paragraphs.add(following)

            def before_next(item: Located, later: Located | None = later) -> bool:
                return later is None or (item[0], item[1].start) < (later[0], later[1].sentence[0])

            candidates = [
                item
                for item in notices
                if item[0] in paragraphs
                and (item[0], item[1].sentence[0]) >= (first_index, first.sentence[0])
                and before_next(item)
            ]
            if not candidates:  # a period stated just before the exit, in the same paragraph
                candidates = [item for item in notices if item[0] == first_index and before_next(item)]
            clauses.append((members, candidates[0] if candidates else None))
        return clauses


DETECTOR = ExitDetector()
