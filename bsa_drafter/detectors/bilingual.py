"""The two language versions of our draft, compared: stale sides, block structure, term pairs,
forbidden words, numbers and dates, brackets, treaty vocabulary (bsa_drafter/crosslang).

It reads the English and the Ukrainian of each paragraph side by side, not sentences of one
language, so it holds whatever language the detectors read the text in. Our drafts have a
Ukrainian side to every paragraph; a foreign text has these features only where a reader gave
its paragraphs their other language (a bilingual counterpart's two columns) and a termbase.
"""

from __future__ import annotations

from bsa_drafter.crosslang import BILINGUAL_FEATURES, BILINGUAL_LIST_FEATURES, bilingual_hits
from bsa_drafter.detectors.base import Detector, FeatureSpec, Reading
from bsa_drafter.models import Feature


class BilingualDetector(Detector):
    features = tuple(
        FeatureSpec(name, meaning, "text" if name == "instrument" else "count")
        for name, meaning in BILINGUAL_FEATURES.items()
    )
    order = 210
    keywords = ("\x00",)  # compares whole paragraphs across languages, reads no sentences

    def combine(self, reading: Reading) -> dict[str, Feature]:
        found = bilingual_hits(reading.document)
        if found is None:  # nothing to compare: none of these features, but a draft of ours has them all
            if reading.origin != "draft":
                return {}
            found = {name: [] for name in BILINGUAL_LIST_FEATURES}
        features = {name: Feature(len(hits), [hit.evidence for hit in hits], hits) for name, hits in found.items()}
        features["instrument"] = Feature(reading.document.instrument)
        return features


DETECTOR = BilingualDetector()
