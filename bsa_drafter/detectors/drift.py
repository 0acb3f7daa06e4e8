"""Wording drift, for our own drafts: how far each edited clause departs from its library text.

It reads no wording, so it holds in any language that has detectors; a foreign text has no
library wording to depart from, and so no such feature.
"""

from __future__ import annotations

from functools import lru_cache

from bsa_drafter.detectors.base import Detector, FeatureSpec, Reading
from bsa_drafter.models import Evidence, Feature, Hit


class DriftDetector(Detector):
    features = (
        FeatureSpec(
            "clause_similarity", "edited clauses of our draft and how close each stays to the library text", "count"
        ),
    )
    order = 200
    keywords = ("\x00",)  # compares whole clauses, reads no sentences

    def combine(self, reading: Reading) -> dict[str, Feature]:
        if reading.origin != "draft":
            return {}
        hits: list[Hit] = []
        for paragraph in reading.document.paragraphs:
            if paragraph.library_text is None or paragraph.kind != "paragraph":
                continue
            score, redline = drift(paragraph.library_text, paragraph.text)
            evidence = Evidence(paragraph.index, 0, len(paragraph.text), redline, paragraph.clause)
            hits.append(Hit(value=score, evidence=evidence, detail=paragraph.clause or ""))
        return {"clause_similarity": Feature(len(hits), [h.evidence for h in hits], hits)}


@lru_cache(maxsize=1024)
def drift(library_text: str, text: str) -> tuple[float, str]:
    """Similarity and compact redline of one edited clause. Cached: while a negotiator types,
    only the clause under the cursor has new wording, the other edited clauses are reused."""
    from bsa_drafter.diff import inline_redline, similarity_of_ops, word_diff

    ops = word_diff(library_text, text)
    return round(similarity_of_ops(ops), 2), inline_redline(ops)


DETECTOR = DriftDetector()
