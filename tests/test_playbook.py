"""How the playbook's rules are evaluated: one finding per occurrence, a missing feature with its
closest sentences, the working severity, the order of findings, drafts and foreign texts.

These run on the small test library (tests/conftest.py: `small_library`) and its four rules; the
bundled playbook's own rules are pinned in test_playbook_bundled.py."""

from __future__ import annotations

from conftest import rules_of, with_choice

from bsa_drafter.assemble import assemble
from bsa_drafter.models import ClauseChoice, Document, Language, Paragraph
from bsa_drafter.playbook import check_document, check_draft


def filled(spec):
    """The standard draft with every bracket filled, so that only the rule under test can fire
    (the exit by notice of final.exit always does)."""
    copy = spec.model_copy(deep=True)
    copy.params.update(pledge_amount=25, ukraine_signatory_name="A. Name")
    return copy


def test_the_filled_standard_draft_has_only_the_exit_finding(small_library, small_spec) -> None:
    found = rules_of(filled(small_spec), small_library)
    assert list(found) == ["exit-by-notice"]
    assert [f.clause for f in found["exit-by-notice"]] == ["final.exit"]
    assert found["exit-by-notice"][0].evidence.startswith("Either Participant may terminate")


def test_a_missing_feature_points_at_its_expected_clause_or_nowhere(small_library, small_spec) -> None:
    reforms_only = with_choice(filled(small_spec), "opening.membership", variant="reforms_only")
    [finding] = rules_of(reforms_only, small_library)["nato-support-missing"]
    assert (finding.severity, finding.clause, finding.paragraph) == ("error", "opening.membership", None)
    assert finding.evidence.startswith("closest: 'The Participants will work together on the reforms")
    assert finding.reason and finding.precedents == ["alpha"]
    omitted = with_choice(filled(small_spec), "opening.membership", include=False)
    [finding] = rules_of(omitted, small_library)["nato-support-missing"]
    assert finding.clause is None  # the clause is gone; nothing to point at
    assert finding.evidence is None and finding.closest == []


def test_a_message_quotes_the_value_of_its_occurrence(small_library, small_spec) -> None:
    spec = filled(small_spec)
    spec.params["notice_months"] = 4
    found = rules_of(spec, small_library)
    assert [(f.clause, f.message) for f in found["exit-notice-short"]] == [
        ("final.exit", "Exit notice of 4 months is short")
    ]
    spec.params["notice_months"] = 9
    assert "exit-notice-short" not in rules_of(spec, small_library)


def test_exit_wording_typed_into_the_preamble_is_flagged(small_library, small_spec) -> None:
    spec = with_choice(filled(small_spec), "final.exit", variant="no_exit")
    assert rules_of(spec, small_library) == {}
    edited = with_choice(
        spec,
        "opening.purpose",
        text="Either Participant may terminate this Agreement by three months' written notice.",
    )
    found = rules_of(edited, small_library)
    assert [f.clause for f in found["exit-by-notice"]] == ["opening.purpose"]
    assert [(f.clause, f.severity) for f in found["exit-notice-short"]] == [("opening.purpose", "error")]


def test_brackets_are_info_in_a_working_draft_and_errors_in_a_final_one(small_library, small_spec) -> None:
    working = rules_of(small_spec, small_library)
    assert {f.severity for f in working["open-brackets"]} == {"info"}
    assert [f.message for f in working["open-brackets"]] == ["Unresolved [amount]", "Unresolved [name]"]
    assert [f.clause for f in working["open-brackets"]] == ["support.pledge", None]  # None: the signature block
    final = small_spec.model_copy(deep=True)
    final.draft.status = "final"
    assert {f.severity for f in rules_of(final, small_library)["open-brackets"]} == {"error"}
    assert "open-brackets" not in rules_of(filled(small_spec), small_library)


def test_findings_are_ordered_by_severity_then_position(small_library, small_spec) -> None:
    spec = with_choice(small_spec, "opening.membership", variant="reforms_only")
    spec.params["notice_months"] = 3
    findings = check_draft(assemble(spec, small_library)).findings
    assert [(f.severity, f.rule, f.clause) for f in findings] == [
        ("error", "exit-notice-short", "final.exit"),
        ("error", "nato-support-missing", "opening.membership"),  # no evidence of its own: after those with some
        ("warning", "exit-by-notice", "final.exit"),
        ("info", "open-brackets", "support.pledge"),
        ("info", "open-brackets", None),
    ]


def test_a_foreign_text_gets_findings_that_point_at_no_clause(small_library) -> None:
    document = Document("x.txt", [Paragraph(0, "The Participants will cooperate.")])
    result = check_document(document, small_library)
    assert [(f.rule, f.clause) for f in result.findings] == [("nato-support-missing", None)]


def test_clause_choice_default_detection() -> None:
    assert ClauseChoice().is_default()
    assert not ClauseChoice(include=False).is_default()


# --- one finding per occurrence, each judged on its own ------------------------------------------


def test_an_exit_typed_into_a_recital_keeps_the_exit_clause_warning(small_library, small_spec) -> None:
    spec = with_choice(
        filled(small_spec),
        "opening.purpose",
        text="Noting that either Participant may terminate this Agreement at any time.",
    )
    result = check_draft(assemble(spec, small_library))
    assert sorted(f.clause for f in result.findings if f.rule == "exit-by-notice") == ["final.exit", "opening.purpose"]
    notices = {
        hit.evidence.clause: hit.related.get("notice_months") for hit in result.features["unilateral_exit"].occurrences
    }
    assert notices == {"opening.purpose": None, "final.exit": 6}  # each exit keeps its own notice
    assert "exit-notice-short" not in {f.rule for f in result.findings}


def test_each_exit_sentence_gets_its_own_notice_judgement(small_library, small_spec) -> None:
    spec = with_choice(
        filled(small_spec),
        "opening.purpose",
        text="Either Participant may terminate this Agreement on two months' written notice.",
    )
    found = rules_of(spec, small_library)
    assert [(f.clause, f.message) for f in found["exit-notice-short"]] == [
        ("opening.purpose", "Exit notice of 2 months is short")
    ]
    assert sorted(f.clause for f in found["exit-by-notice"]) == ["final.exit", "opening.purpose"]


def test_a_missing_feature_in_a_foreign_text_shows_the_closest_sentences(small_library) -> None:
    document = Document(
        "x.txt",
        [
            Paragraph(0, "The Participants will cooperate closely."),
            Paragraph(1, "Ukraine will pursue the reforms that its NATO aspirations require."),
        ],
    )
    finding = next(f for f in check_document(document, small_library).findings if f.rule == "nato-support-missing")
    assert finding.evidence is not None and finding.evidence.startswith("closest: 'Ukraine will pursue the reforms")
    assert "reform sentence" in finding.evidence
    assert [near.evidence.paragraph for near in finding.closest] == [1]
    assert finding.clause is None and finding.paragraph is None


def test_a_text_in_a_language_without_detectors_gets_no_findings(small_library) -> None:
    language = Language("xx", 0.9, "a test")
    document = Document("x.txt", [Paragraph(0, "Either Participant may terminate this Agreement.")], language=language)
    result = check_document(document, small_library)
    assert result.features == {} and result.findings == []


def test_drift_is_measured_only_on_our_own_edited_clauses(small_library, small_spec) -> None:
    spec = with_choice(filled(small_spec), "opening.purpose", text="The Participants will meet every spring.")
    draft = assemble(spec, small_library)
    drift = check_draft(draft).features["clause_similarity"]
    assert [hit.detail for hit in drift.occurrences] == ["opening.purpose"]
    assert drift.value == 1
    foreign = check_document(draft.document.__class__("x.txt", draft.document.paragraphs), small_library)
    assert "clause_similarity" not in foreign.features
