"""Text detectors: one registry of families of wording, per language, for our drafts, edited
drafts and foreign documents alike.

    scan_document(document)      per-paragraph scans; `.signals` keyed by feature name
    extract_features(document)   every feature with its occurrences, evidence and near misses
    feature_specs()              the features rules may name, in display order
    feature_json(name, feature)  one feature as analysis JSON (value, evidence, occurrences, closest)
    value_words(value)           a feature's value as people read it ("yes", "no", "6", "—")

See `base.py` for what a detector is, `en/` for the English ones and `uk/` for the Ukrainian ones
(the same features, read from Ukrainian wording); a document is read by its language's detectors.
"""

from __future__ import annotations

from typing import Any

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence, Signal
from bsa_drafter.detectors.engine import chapter_of, extract_features, language_of, scan_document, scan_paragraph
from bsa_drafter.detectors.registry import clause_tags, detectors_for, feature_specs, languages, per_occurrence_features
from bsa_drafter.detectors.text import normalise, sentence_spans
from bsa_drafter.models import Feature

__all__ = [
    "Detector",
    "FeatureSpec",
    "ParagraphScan",
    "Reading",
    "Sentence",
    "Signal",
    "chapter_of",
    "clause_tags",
    "detectors_for",
    "extract_features",
    "feature_json",
    "feature_specs",
    "language_of",
    "languages",
    "normalise",
    "per_occurrence_features",
    "scan_document",
    "scan_paragraph",
    "sentence_spans",
    "value_words",
]


def feature_json(feature: Feature) -> dict[str, Any]:
    """A feature as other tools read it: its value, the first evidence, every occurrence (with
    its own values of related features) and, when it is absent, the closest sentences and why
    they did not count."""
    return {
        "value": feature.value,
        "evidence": feature.first.quote if feature.first else None,
        "occurrences": [
            {"value": hit.value, "evidence": hit.evidence.quote, "paragraph": hit.evidence.paragraph, **hit.related}
            for hit in feature.occurrences
        ],
        "closest": [
            {"evidence": near.evidence.quote, "paragraph": near.evidence.paragraph, "why": near.reason}
            for near in feature.closest
        ],
    }


def value_words(value: Any, missing: str = "\u2014") -> str:
    """A feature's value as people read it: "yes" or "no" for a flag, `missing` where there is
    no value, else the value itself."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return missing if value is None else str(value)
