"""Words with a history, in Ukrainian: the Budapest Memorandum's English said "assurances" and its
Ukrainian «гарантії безпеки», and the gap has been argued over ever since. Both Ukrainian words
for the commitments count: «запевнення» (the accurate word for "assurances") and «гарантії
безпеки» / «безпекові гарантії» (the word the Ukrainian text used). Not counted: the courtesy
formula of a diplomatic note («запевнення у своїй високій повазі») and guarantees of something
else («гарантії безпеки польотів», «гарантії захисту інтелектуальної власності»)."""

from __future__ import annotations

from bsa_drafter.detectors.en.terms import AssurancesDetector
from bsa_drafter.detectors.text import rx

ASSURANCE = rx(
    r"\bзапевнен\w*|\bгаранті\w*\s+(?:її\s+|своєї\s+|нашої\s+|національної\s+)?безпеки\b(?!\s+(?:польотів|праці"
    r"|даних|інформації|персоналу|дорожнього|харчових|ядерн))|\bбезпеков\w+\s+гаранті\w*"
)
_TECHNICAL = rx(r"\bзапевнен\w*\s+(?:у|в)\s+(?:сво\w+\s+)?(?:висок\w+|глибок\w+|найвищ\w+)?\s*поваз\w*")


class UkrainianAssurancesDetector(AssurancesDetector):
    keywords = ("запевн", "гарант")
    assurance, technical = ASSURANCE, _TECHNICAL
    technical_reason = "'запевнення' in the courtesy formula of a note, not for the commitments"


DETECTOR = UkrainianAssurancesDetector()
