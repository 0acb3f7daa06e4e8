"""The bundled playbook (clauses/playbook.toml) on the bundled clauses: each rule fires on the
variants and edits it is written for, and stays silent on the others.

These tests pin the bundled content on purpose. When a clause, a variant or a rule of clauses/
changes, one of them may fail although the engine is right: check that the new finding (or its
absence) is what the playbook should say, then update the expectation here. The mechanisms of
rule evaluation are tested on the small test library in test_playbook.py."""

from __future__ import annotations

import pytest
from conftest import rules_of, with_choice

from bsa_drafter.assemble import assemble
from bsa_drafter.models import Document, Paragraph
from bsa_drafter.playbook import check_document


def filled(spec):
    """The standard draft with every bracket filled in both languages, so only the rule under
    test can fire."""
    copy = spec.model_copy(deep=True)
    copy.params.update(
        pledge_amount=25,
        ukraine_signatory_name="A. Name",
        partner_signatory_name="B. Name",
        partner_signatory_title="Prime Minister",
        ukraine_signatory_name_uk="А. Ім'я",
        partner_signatory_name_uk="Б. Ім'я",
        partner_signatory_title_uk="Прем'єр-міністр",
    )
    import datetime as dt

    copy.params["date_of_signature"] = dt.date(2026, 12, 1)
    return copy


def test_standard_draft_only_warns_about_the_exit(library, standard_spec) -> None:
    found = rules_of(filled(standard_spec), library)
    assert set(found) == {"unilateral-exit"}
    assert found["unilateral-exit"][0].clause == "final.termination"
    assert "Either Participant may terminate" in found["unilateral-exit"][0].evidence


@pytest.mark.parametrize(
    ("clause_id", "variant", "rule", "fires"),
    [
        ("intro.nato_membership", "pathway_only", "nato-bridge-missing", True),
        ("intro.nato_membership", "bridge", "nato-bridge-missing", False),
        ("intro.nato_membership", "not_a_substitute", "nato-bridge-missing", False),
        ("final.termination", "no_exit", "unilateral-exit", False),
        ("final.termination", "three_months", "exit-notice-short", True),
        ("final.termination", "six_months", "exit-notice-short", False),
        ("final.termination", "soft_inform", "soft-exit", True),
        ("final.termination", "soft_inform", "unilateral-exit", False),
        ("attack.consultation", "without_deadline", "consultation-24h-missing", True),
        ("attack.consultation", "escalation", "consultation-24h-missing", False),
        ("attack.assistance", "as_appropriate", "weakening-qualifier", True),
        ("attack.assistance", "within_means", "weakening-qualifier", True),
        ("attack.assistance", "standard", "weakening-qualifier", False),
        ("defence.pledge", "gdp_share", "money-pledge-missing", False),
        ("defence.pledge", "subject_to_appropriation", "money-pledge-missing", False),
        ("final.duration", "open_ended_review", "duration-open-ended", False),
        ("final.nato_status", "meet_and_confer", "nato-status-missing", False),
        ("defence.reciprocity", "mutual_policy", "reciprocity-missing", False),
    ],
)
def test_rules_follow_the_variant(library, standard_spec, clause_id, variant, rule, fires) -> None:
    found = rules_of(with_choice(filled(standard_spec), clause_id, variant=variant), library)
    assert (rule in found) is fires
    if fires:
        assert found[rule][0].clause == clause_id


@pytest.mark.parametrize(
    ("clause_ids", "rule", "severity"),
    [
        (["final.nato_status"], "nato-status-missing", "warning"),
        (["attack.alignment"], "alignment-missing", "warning"),
        (["defence.pledge"], "money-pledge-missing", "warning"),
        (["defence.reciprocity"], "reciprocity-missing", "info"),
        # Part II's "throughout the ten-year term" still states the term, so both must go
        (["final.duration", "defence.duration_support"], "duration-open-ended", "warning"),
        (["attack.consultation"], "consultation-24h-missing", "error"),
        (["intro.nato_membership"], "nato-bridge-missing", "error"),
    ],
)
def test_omitting_a_clause_raises_its_rule(library, standard_spec, clause_ids, rule, severity) -> None:
    spec = filled(standard_spec)
    for clause_id in clause_ids:
        spec = with_choice(spec, clause_id, include=False)
    found = rules_of(spec, library)
    assert rule in found
    assert found[rule][0].severity == severity
    assert found[rule][0].clause is None  # the clause is gone; nothing to point at
    assert found[rule][0].reason


def test_short_duration_is_an_error(library, standard_spec) -> None:
    spec = filled(standard_spec)
    spec.params["duration_years"] = 5
    found = rules_of(spec, library)
    assert found["duration-short"][0].severity == "error"
    assert "5 years" in found["duration-short"][0].message


def test_deleting_24_hours_from_the_consultation_wording_is_flagged(library, standard_spec) -> None:
    spec = filled(standard_spec)
    text = assemble(spec, library).clause("attack.consultation").source_text
    assert "within 24 hours" in text
    edited = with_choice(spec, "attack.consultation", text=text.replace("within 24 hours", "in due course"))
    found = rules_of(edited, library)
    assert found["consultation-24h-missing"][0].clause == "attack.consultation"
    slower = with_choice(spec, "attack.consultation", text=text.replace("24 hours", "72 hours"))
    assert "72 hours" in rules_of(slower, library)["consultation-slower-than-24h"][0].message


def test_nato_support_deleted_from_the_wording(library, standard_spec) -> None:
    spec = with_choice(
        filled(standard_spec),
        "intro.nato_membership",
        text="The Participants note Ukraine's NATO aspirations in the context of its reforms.",
    )
    found = rules_of(spec, library)
    assert found["nato-bridge-missing"][0].severity == "error"
    assert found["nato-bridge-missing"][0].clause == "intro.nato_membership"


def test_assurances_and_drift_on_edited_wording(library, standard_spec) -> None:
    spec = with_choice(
        filled(standard_spec),
        "intro.partnership",
        text="The Participants give each other security assurances.",
    )
    found = rules_of(spec, library)
    assert found["assurances-wording"][0].severity == "warning"
    drift = found["wording-drift"][0]
    assert drift.clause == "intro.partnership"
    assert "[-" in drift.evidence and "{+" in drift.evidence
    small_edit = with_choice(
        filled(standard_spec),
        "intro.partnership",
        text=assemble(filled(standard_spec), library)
        .clause("intro.partnership")
        .source_text.replace("strengthen", "deepen"),
    )
    assert "wording-drift" not in rules_of(small_edit, library)


def test_placeholder_marks_are_flagged(library, standard_spec) -> None:
    spec = with_choice(filled(standard_spec), "intro.partnership", text="The Participants will meet on ___ in TBD.")
    found = rules_of(spec, library)
    assert [f.message for f in found["unfilled-placeholder"]] == [
        "Unfilled placeholder '___'",
        "Unfilled placeholder 'TBD'",
    ]


def test_foreign_document_check_has_no_expected_clauses(library) -> None:
    document = Document("x.txt", [Paragraph(0, "The Participants will cooperate.")])
    result = check_document(document, library)
    rules = {f.rule for f in result.findings}
    assert {"nato-bridge-missing", "consultation-24h-missing", "duration-open-ended"} <= rules
    assert all(f.clause is None for f in result.findings)
