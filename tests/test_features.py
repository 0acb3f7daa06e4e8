"""The detectors' machinery: the registry, occurrences judged one by one, structure, honest
absence, languages, and the six reference agreements. The wording itself is tested by the
case files (tests/detector_cases/, run by test_detector_cases.py)."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib

import pytest
from conftest import REFERENCE
from test_detector_cases import CASES, load_cases

from bsa_drafter.detectors import (
    chapter_of,
    clause_tags,
    detectors_for,
    extract_features,
    feature_specs,
    per_occurrence_features,
    scan_document,
    scan_paragraph,
    sentence_spans,
)
from bsa_drafter.detectors.engine import reading_of
from bsa_drafter.detectors.text import Pattern
from bsa_drafter.ingest import read_document
from bsa_drafter.models import Document, Language, Paragraph


def document(*paragraphs: str, heading: str = "", origin: str = "foreign", language: str = "en") -> Document:
    body = [Paragraph(i, text, heading=heading) for i, text in enumerate(paragraphs)]
    return Document("test", body, language=Language(language, 1.0, "given"), origin=origin)  # type: ignore[arg-type]


def features_of(*paragraphs: str, heading: str = ""):
    return extract_features(document(*paragraphs, heading=heading))


# --- the registry --------------------------------------------------------------------------------


def test_every_feature_is_declared_once_with_a_meaning_and_has_cases() -> None:
    specs = feature_specs()
    assert list(specs)[:2] == ["unilateral_exit", "notice_months"]  # display order from the detectors
    assert all(spec.meaning for spec in specs.values())
    covered = {name for case in load_cases() for name in case.expected}
    # need a library text, a spec's stale markers, a profile or the partner table, so they live in
    # test_playbook, test_crosslang and test_editing
    draft_only = {"clause_similarity", "translation_stale", "instrument", "uk_case_forms_unknown"}
    assert set(specs) - draft_only <= covered, f"features without a case: {set(specs) - draft_only - covered}"
    assert {path.stem for path in CASES.glob("*.toml")} <= set(specs)


def test_each_detector_returns_exactly_the_features_it_declares() -> None:
    text = "Either Participant may terminate this Agreement by six months' written notice."
    for origin in ("foreign", "draft"):
        reading = reading_of(document(text, origin=origin))
        for detector in detectors_for("en"):
            declared = {spec.name for spec in detector.features}
            returned = set(detector.combine(reading))
            assert returned == declared or (returned == set() and origin == "foreign"), type(detector).__name__


def test_rules_may_take_occurrences_of_exits_money_and_counts() -> None:
    assert {"unilateral_exit", "money_pledge", "qualifiers", "assurances", "brackets", "placeholders"} <= set(
        per_occurrence_features()
    )
    assert "nato_support" not in per_occurrence_features()


def test_each_detector_declares_the_clause_tags_the_mapping_reads() -> None:
    tags = clause_tags()
    assert tags["unilateral_exit"] == "exit"
    assert tags["consultation_24h"] == "consultation"
    scan = scan_paragraph("Either Participant may terminate this Agreement by written notice.")
    assert {tags[kind] for kind in scan.signals if kind in tags} == {"exit"}


def test_every_pattern_compiles_but_only_when_first_used() -> None:
    code = (
        "import bsa_drafter.detectors as d, sys; d.feature_specs(); "
        "from bsa_drafter.detectors.text import Pattern; "
        "mods = [m for n, m in sys.modules.items() if n.startswith('bsa_drafter.detectors.en.')]; "
        "pats = [v for m in mods for v in vars(m).values() if isinstance(v, Pattern)]; "
        "print(len(mods), len(pats), sum(p._compiled is not None for p in pats))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    modules, patterns, compiled = map(int, result.stdout.split())
    assert modules >= 10 and patterns >= 50 and compiled == 0, result.stderr
    for detector in detectors_for("en"):
        for value in vars(importlib.import_module(type(detector).__module__)).values():
            for pattern in _patterns_in(value):
                assert pattern.compiled.pattern == pattern.source


def _patterns_in(value: object) -> list[Pattern]:
    if isinstance(value, Pattern):
        return [value]
    if isinstance(value, (list, tuple)):
        return [pattern for item in value for pattern in _patterns_in(item)]
    return []


# --- occurrences, each judged on its own --------------------------------------------------------


def test_each_exit_clause_is_an_occurrence_with_its_own_notice() -> None:
    features = features_of(
        "Recalling that either Participant may terminate this Agreement at any time;",
        "Either Participant may terminate this Agreement by written notice.",
        "The termination takes effect six months after the notice is received.",
        "This Agreement will be valid for ten years.",
    )
    exits = features["unilateral_exit"].occurrences
    assert [(hit.evidence.paragraph, hit.value, hit.related["notice_months"]) for hit in exits] == [
        (0, "yes", None),
        (1, "yes", 6),
    ]
    assert features["notice_months"].value == 6
    assert features["notice_months"].first.paragraph == 2


def test_a_soft_exit_and_its_effect_in_the_next_sentence_are_one_clause() -> None:
    features = features_of(
        "Either Participant may notify the other of its intention to terminate this Agreement. "
        "The Agreement will terminate six months after receipt of that notification."
    )
    assert [(hit.value, hit.related["notice_months"]) for hit in features["unilateral_exit"].occurrences] == [
        ("yes", 6)
    ]


def test_evidence_points_at_the_sentence() -> None:
    text = "The Participants will co-operate. Either Participant may terminate this Agreement by six months' notice."
    evidence = features_of(text)["unilateral_exit"].first
    assert evidence.paragraph == 0
    assert text[evidence.start : evidence.end].startswith("Either Participant may terminate")


def test_list_features_count_each_occurrence_with_its_context() -> None:
    features = features_of("The [Participants / Parties] agree on [the date] and on ___.")
    assert features["brackets"].value == 2
    assert [hit.value for hit in features["brackets"].occurrences] == ["[Participants / Parties]", "[the date]"]
    assert features["placeholders"].occurrences[0].evidence.quote.endswith("and on ___.")


# --- structure ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "chapter"),
    [
        ("Part II. Defence and Security / Maritime security", "defence"),
        ("Part III. Non-military security / Security and cyber security", "civil"),
        ("Part VIII. Co-operation in the event of future armed attack", "attack"),
        ("Part IX. Final provisions / Termination", "final"),
        ("Part V. Fiscal support, recovery and reconstruction / Fiscal support", "fiscal"),
        ("Annex / Legal status", "other"),
        ("", None),
    ],
)
def test_chapters_come_from_the_headings(heading: str, chapter: str | None) -> None:
    assert chapter_of(heading) == chapter


def test_money_outside_the_defence_chapter_counts_in_our_own_draft() -> None:
    pledge = "In 2025 the partner will provide EUR 400 million in budget support to Ukraine."
    heading = "Part V. Fiscal support, recovery and reconstruction / Fiscal support"
    defence = Paragraph(0, "The Participants will train together.", heading="Part II. Defence and Security")
    for origin, expected in (("foreign", None), ("draft", "amount")):
        doc = Document("t", [defence, Paragraph(1, pledge, heading=heading)], origin=origin)  # type: ignore[arg-type]
        assert extract_features(doc)["money_pledge"].value == expected
    foreign = extract_features(Document("t", [defence, Paragraph(1, pledge, heading=heading)]))["money_pledge"]
    assert "fiscal chapter" in foreign.closest[0].reason


def test_the_whole_text_is_read_when_the_structure_is_unknown() -> None:
    assert (
        features_of("In 2025 the partner will provide EUR 400 million in budget support to Ukraine.")[
            "money_pledge"
        ].value
        == "amount"
    )


# --- honest absence -------------------------------------------------------------------------------


def test_a_missing_feature_keeps_the_closest_sentences_and_why() -> None:
    features = features_of(
        "The Participants will co-operate closely.",
        "The reforms are essential for Ukraine's European and NATO aspirations.",
        "Japan will contribute to the NATO-Ukraine Comprehensive Assistance Package.",
    )
    closest = features["nato_support"].closest
    assert features["nato_support"].value is False
    assert [near.evidence.paragraph for near in closest] == [1, 2]
    assert "reform sentence" in closest[0].reason
    assert closest[0].evidence.quote.startswith("The reforms are essential")


def test_a_found_feature_has_no_closest_sentences() -> None:
    assert features_of("Ukraine will become a member of NATO.")["nato_support"].closest == []


# --- languages -------------------------------------------------------------------------------------


def test_a_text_in_a_language_without_detectors_gets_no_features() -> None:
    text = "Either Participant may terminate this Agreement by written notice."
    assert extract_features(document(text, language="xx")) == {}
    assert scan_document(document(text, language="xx"))[0].signals == {}
    undetermined = Document("test", [Paragraph(0, text)])  # the reader could not tell: read as English
    assert undetermined.language.code == "und" and extract_features(undetermined)["unilateral_exit"].value == "yes"


# --- the text helpers -------------------------------------------------------------------------------


def test_sentences_respect_abbreviations_and_whole_sentences_keep_their_lists() -> None:
    text = "The U.S. and Ukraine agree. E.g. this one. Next sentence."
    assert [text[a:b] for a, b in sentence_spans(text)][0] == "The U.S. and Ukraine agree."
    listed = "The partner will, as appropriate:\n- train forces;\n- supply equipment.\n\nAnother paragraph"
    assert len(sentence_spans(listed)) == 4
    assert [listed[a:b] for a, b in sentence_spans(listed, semicolons=False)] == [
        "The partner will, as appropriate:\n- train forces;\n- supply equipment.",
        "Another paragraph",
    ]


def test_scan_is_cached_by_text() -> None:
    text = "Either Participant may terminate this Agreement by written notice."
    assert scan_paragraph(text) is scan_paragraph(text)


# --- the development set: the six reference agreements ------------------------------------------

LABELS_FILE = REFERENCE / "labels.toml"
LABELS = tomllib.loads(LABELS_FILE.read_text()) if LABELS_FILE.exists() else {}
needs_reference = pytest.mark.skipif(not LABELS_FILE.exists(), reason="../shared/reference/agreements is not present")


@needs_reference
@pytest.mark.parametrize("name", sorted(LABELS) or ["none"])
@pytest.mark.parametrize("source", ["original", "txt"])
def test_reference_labels(name: str, source: str) -> None:
    """Pins the detectors to the hand labels of the reference agreements on purpose (labels.toml,
    read in both the original file and its text). A detector change that breaks one is wrong unless
    the label is: then correct the label, saying why, never the expectation here."""
    label = LABELS[name]
    path = REFERENCE / (label["file"] if source == "original" else f"{name}.txt")
    features = extract_features(read_document(path))
    got = {
        "exit": features["unilateral_exit"].value,
        "notice_months": features["notice_months"].value if features["notice_months"].value is not None else -1,
        "nato_support": features["nato_support"].value,
        "nato_status": features["nato_status_clause"].value,
        "consult_24h": features["consultation_24h"].value,
        "reciprocity": features["reciprocity"].value,
        "duration_years": features["duration_years"].value if features["duration_years"].value is not None else -1,
    }
    expected = {key: label[key] for key in got}
    assert got == expected
