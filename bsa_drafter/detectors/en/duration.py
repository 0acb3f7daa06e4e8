"""Duration and review: the agreement's fixed term in years, whether it says it has no fixed
term, and whether the agreement itself is to be reviewed (a review of a programme or of a
reform roadmap is not a review of the agreement)."""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence, has_any, miss_at
from bsa_drafter.detectors.en._words import AGREEMENT, AGREEMENT_OR_IT, NUMBER, W, parse_number
from bsa_drafter.detectors.text import Pattern, rx
from bsa_drafter.models import Feature

_YEARS = rf"(?P<n>{NUMBER})[\s-]*(?:calendar\s+)?years?\b"
_VALID = (
    r"(?:valid|in\s+force|in\s+effect|effective|concluded|applicable|operative|apply|applies|run|runs|last|lasts"
    r"|cover|covers|signed|entered\s+into)"
)
DURATION = [
    rx(
        rf"{AGREEMENT_OR_IT},?\s+(?:{W}){{0,12}}?{_VALID}\s+(?:{W}){{0,3}}?(?:for|during|over)\s+(?:a\s+|the\s+"
        rf"|an\s+initial\s+)?"
        rf"(?:(?:time\s+)?(?:period|term|duration)\s+of\s+)?(?:the\s+next\s+)?{_YEARS}"
    ),
    rx(
        rf"{AGREEMENT_OR_IT}\s+(?:{W}){{0,10}}?(?:for\s+|cover\w*\s+|of\s+)?(?:a|the"
        rf"|an\s+initial)\s+(?:time\s+)?(?:period|term|duration)\s+of\s+{_YEARS}"
    ),
    rx(
        rf"(?:validity|term|duration|period\s+of\s+validity|lifetime)\s+of\s+{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?(?:is"
        rf"|will\s+be|shall\s+be|amounts\s+to)\s+{_YEARS}"
    ),
    rx(
        rf"{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?(?:has|will\s+have|shall\s+have)\s+a\s+(?:term|duration|validity"
        rf"|lifetime)\s+of\s+{_YEARS}"
    ),
    rx(rf"{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?(?:is|will\s+be|shall\s+be|remains?)\s+(?:valid|in\s+force)\s+{_YEARS}"),
    rx(rf"\b(?:conclude|sign|enter\s+into)\w*\s+{AGREEMENT}\s+for\s+(?:a\s+(?:period|term)\s+of\s+)?{_YEARS}"),
]
DURATION_WEAK = rx(rf"{_YEARS}[\s-]*(?:duration|term|period|validity|lifetime|life|span)\s+of\s+{AGREEMENT}")
_EXTENSION = rx(
    r"\bextend|\bextension|\brenew|\bprolong|\bsuccessive|\bfurther\s+period|\badditional\s+period|\bautomatically"
)
OPEN_ENDED = rx(
    rf"(?:indefinite|unlimited|unspecified|open-ended)\s+(?:period|duration|term|time)|\bopen-ended\b|\bindefinitely\b"
    rf"|\bwithout\s+(?:a\s+|any\s+)?(?:time\s+limit|fixed\s+(?:term|duration|end)|expiry|end\s+date"
    rf"|limitation\s+in\s+time)"
    rf"|\bno\s+(?:fixed\s+)?(?:expiry|end\s+date|time\s+limit|fixed\s+(?:term|duration))"
    rf"|{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?remains?\s+in\s+(?:force|effect)\s+until\s+(?:it\s+is\s+)?terminated"
    rf"|\bnot\s+(?:be\s+)?limited\s+in\s+time|\bunlimited\s+in\s+time"
    rf"|\bremain\w*\s+(?:valid|in\s+(?:force|effect))\s+(?:unless\s+and\s+)?until\s+(?:{W}){{0,4}}?(?:decide"
    rf"|agree)\w*\s+otherwise"
)
_OPEN_WORDS = ("indefinite", "unlimited", "unspecified", "open-ended", "without", "no ", "until", "limited in time")
_REVIEW_VERB = (
    r"(?:review|evaluat|assess|reassess|take\s+stock|taking\s+stock|stock-?take|revisit|reconsider|examin"
    r"|re-?examin)\w*"
)
_ITS_WORKING = r"(?:implementation|operation|functioning|effectiveness|application)"
_THESE = rf"(?:{AGREEMENT}|(?:these|the|its|our)\s+commitments)"
REVIEW = rx(
    rf"{_REVIEW_VERB}[,;]?\s+(?:{W}){{0,6}}?(?:{AGREEMENT}|its\s+{_ITS_WORKING}"
    rf"|(?:the\s+)?{_ITS_WORKING}\s+of\s+{_THESE}|these\s+commitments"
    rf"|the\s+commitments\s+(?:of|under|in)|effectiveness)"
    rf"|(?:{AGREEMENT}|its\s+{_ITS_WORKING}|the\s+{_ITS_WORKING}\s+of\s+{_THESE})\s+(?:{W}){{0,3}}?(?:will|shall"
    rf"|is\s+to|are\s+to|may|should)\s+be\s+"
    rf"(?:{W}){{0,2}}?(?:reviewed|evaluated|assessed|revisited|reconsidered|re-?examined"
    rf"|subject\s+to\s+(?:an?\s+)?(?:periodic\s+)?(?:review|evaluation|assessment))"
    rf"|(?:review|evaluation|assessment|stock-?taking|stock-?take"
    rf"|revision)\s+of\s+(?:the\s+{_ITS_WORKING}\s+of\s+)?{_THESE}"
)
# "... after this Agreement takes effect, Belgium and Ukraine will evaluate it"
_REVIEW_IT = rx(rf"{_REVIEW_VERB}\s+it\b")
_IMPLEMENTING_IT = rx(rf"implement\w*\s+(?:of\s+)?{AGREEMENT}")
_OTHER_OBJECT = rx(
    r"\bprogramm?e|\broadmap|\bplan\b|\bprogress\b|\breforms?\b|\bprojects?\b|\bstrateg|\bpackage"
    r"|\bpriorit|\bneeds\b|\brequirements|\bresults\b|\bcontracts?\b"
)
_REVIEW_WORD = rx(r"\breview|\bevaluat|\bassess|\bstock|\brevisit")


class DurationDetector(Detector):
    features = (
        FeatureSpec("duration_years", "the agreement's fixed term in years (null when none is stated)", "number"),
        FeatureSpec("open_ended", "the text says the agreement has no fixed term", "flag"),
        FeatureSpec("review_clause", "the agreement itself is to be reviewed or evaluated", "flag"),
    )
    order = 70
    keywords = (
        "year",
        "open-ended",
        "indefinite",
        "unlimited",
        "until",
        "without",
        "review",
        "evaluat",
        "assess",
        "stock",
        "revisit",
        "reconsider",
        "examin",
        "no fixed",
        "no expiry",
        "no end",
        "unspecified",
        "limited in time",
    )
    tags = {"duration_years": "duration"}

    # the wording, which a language's subclass replaces: words of years, of the agreement, of
    # review and of an open end, the term's patterns (strong, then a mere mention), a period for
    # extension, reviewing (the agreement, or "it"), and an object other than the agreement
    year_words, agreement_words = ("year",), ("agreement", "arrangement")
    review_word, open_words = _REVIEW_WORD, _OPEN_WORDS
    duration, duration_weak, extension, open_ended = DURATION, DURATION_WEAK, _EXTENSION, OPEN_ENDED
    review, review_it, other_object = REVIEW, _REVIEW_IT, _OTHER_OBJECT
    implementing_it: Pattern | None = _IMPLEMENTING_IT  # "review the implementation of the Agreement"

    @staticmethod
    def years(match: re.Match[str]) -> int | None:
        """The number of years a term pattern matched."""
        return parse_number(match.group("n"))

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, low = sentence.text, sentence.low
        if has_any(low, self.year_words):
            self._scan_duration(sentence, scan)
        match = self.open_ended.search(text) if has_any(low, self.open_words) else None
        if match:
            scan.add("open_ended", sentence.signal(match.start(), match.end()))
        if self.review_word.search(low):
            # "it" is the agreement when its paragraph names it
            review = self.review.search(text) or (
                self.review_it.search(text) if has_any(sentence.paragraph_low, self.agreement_words) else None
            )
            if review and (
                not self.other_object.search(review.group(0))
                or (self.implementing_it and self.implementing_it.search(review.group(0)))
            ):
                scan.add("review_clause", sentence.signal(review.start(), review.end()))
            else:
                scan.add_miss(
                    "review_clause",
                    sentence.miss("reviews something other than the agreement itself (a programme or a plan)", 0.6),
                )

    def _scan_duration(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text = sentence.text
        for pattern in self.duration:
            match = pattern.search(text)
            if match and (years := self.years(match)):
                if self.extension.search(text, 0, match.start()) or self.extension.search(match.group(0)):
                    scan.add_miss(
                        "duration_years",
                        sentence.miss(f"a period of {years} years for extending the agreement, not its term", 0.7),
                    )
                    return
                scan.add("duration_years", sentence.signal(match.start(), match.end(), years, form="term"))
                return
        weak = self.duration_weak.search(text)
        if weak and (years := self.years(weak)):
            scan.add("duration_years", sentence.signal(weak.start(), weak.end(), years, form="mention"))
        elif has_any(sentence.low, self.agreement_words):
            scan.add_miss("duration_years", sentence.miss("names years near the agreement, but not its term", 0.3))

    def combine(self, reading: Reading) -> dict[str, Feature]:
        found = reading.located("duration_years")
        terms = [item for item in found if item[1].form == "term"] or found
        duration = Feature(
            terms[0][1].value if terms else None,
            [reading.evidence(*terms[0])] if terms else [],
            [reading.hit(item) for item in terms],
            (
                []
                if terms
                else reading.closest(
                    "duration_years", [miss_at(i, "an open-ended term", 0.5) for i in reading.located("open_ended")]
                )
            ),
        )
        return {
            "duration_years": duration,
            "open_ended": reading.flag("open_ended"),
            "review_clause": reading.flag("review_clause"),
        }


DETECTOR = DurationDetector()
