"""Assembly: order, numbering, statuses, placeholders, and the safety of the filler."""

from __future__ import annotations

from conftest import with_choice

from bsa_drafter.assemble import assemble, effective_order
from bsa_drafter.models import ClauseChoice
from bsa_drafter.params import fill_placeholders, number_in_words
from bsa_drafter.textblocks import split_blocks


def test_numbering_restarts_under_each_subheading(library, standard_spec) -> None:
    draft = assemble(standard_spec, library)
    numbers = {c.id: c.number for c in draft.clauses}
    assert numbers["intro.basis"] == 1 and numbers["intro.core_commitments"] == 4
    assert numbers["defence.maritime"] == 1
    assert numbers["final.termination"] == 1
    assert numbers["preamble.aggression"] is None
    assert numbers["attack.alignment"] == 4


def test_statuses(library, standard_spec) -> None:
    spec = with_choice(standard_spec, "final.termination", variant="no_exit")
    spec = with_choice(spec, "intro.basis", text="Edited wording.")
    spec = with_choice(spec, "final.disputes")
    spec = with_choice(spec, "defence.maritime", include=False)
    draft = assemble(spec, library)
    status = {c.id: c.status for c in draft.clauses}
    assert status["final.termination"] == "variant"
    assert status["intro.basis"] == "edited"
    assert status["final.disputes"] == "added"
    assert status["preamble.values"] == "standard"
    assert "defence.maritime" in draft.omitted and "defence.maritime" not in status


def test_added_clause_goes_under_its_own_subheading_in_library_order(library, standard_spec) -> None:
    spec = with_choice(standard_spec, "security.hybrid_threats")
    order = effective_order(spec, library)
    position = order.index("security.hybrid_threats")
    assert order[position - 1] == "security.cyber_protocol"  # the last of "Security and cyber security"
    assert order[position + 1] == "security.information"
    draft = assemble(spec, library)
    subheadings = [
        clause.heading for kind, _, clause in draft.walk() if kind == "subheading" and clause.part == "security"
    ]
    assert subheadings.count("Security and cyber security") == 1  # no second subheading, no restart at 1
    numbers = [c.number for c in draft.clauses if c.heading == "Security and cyber security"]
    assert numbers == list(range(1, len(numbers) + 1))


def test_custom_clauses_follow_their_subheading_or_end_their_part(library, standard_spec) -> None:
    spec = with_choice(
        standard_spec,
        "custom.liaison",
        part="security",
        heading="Information security",
        title="Liaison",
        text="Liaison officers.",
    )
    spec = with_choice(spec, "custom.closing_note", part="security", title="Note", text="A note.")
    order = effective_order(spec, library)
    assert order[order.index("custom.liaison") - 1] == "security.information"
    assert order[order.index("custom.closing_note") - 1] == "security.crime_measures"
    assert order[order.index("custom.closing_note") + 1] == "political.just_peace"


def test_placing_many_added_clauses_takes_one_pass(library, standard_spec) -> None:
    spec = standard_spec.model_copy(deep=True)
    for n in range(3000):
        spec.clauses[f"custom.c{n}"] = ClauseChoice(part="defence", title=f"C{n}", text=f"Clause {n}.")
    order = effective_order(spec, library)
    added = [cid for cid in order if cid.startswith("custom.")]
    assert added == [f"custom.c{n}" for n in range(3000)]  # in the spec's order, at the end of Part II
    assert order[order.index("custom.c2999") + 1].startswith("security.")


def test_spec_order_is_respected(library, standard_spec) -> None:
    spec = standard_spec.model_copy(deep=True)
    order = list(library.profiles["standard"].clauses)
    order.remove("intro.partnership")
    order.insert(order.index("intro.basis"), "intro.partnership")
    spec.order = order
    ids = [c.id for c in assemble(spec, library).clauses]
    assert ids.index("intro.partnership") < ids.index("intro.basis")


def test_placeholder_values_and_words(library, standard_spec) -> None:
    spec = standard_spec.model_copy(deep=True)
    spec.params["duration_years"] = 12
    draft = assemble(spec, library)
    assert "twelve (12) years" in draft.clause("final.duration").text
    assert "twelve-year term" in draft.clause("defence.duration_support").text
    assert number_in_words(24) == "twenty-four"


def test_clause_level_parameters_override_the_draft(library, standard_spec) -> None:
    spec = with_choice(standard_spec, "final.termination", variant="notice_period", params={"notice_months": 8})
    spec.params["notice_months"] = 6
    assert "eight (8) months" in assemble(spec, library).clause("final.termination").text


def test_unset_parameters_show_as_brackets(library, standard_spec) -> None:
    draft = assemble(standard_spec, library)
    assert "EUR [amount] million" in draft.clause("defence.pledge").text
    assert draft.signatories[0]["name"] == "[name]"


def test_the_filler_never_evaluates_anything(library) -> None:
    values = {"partner_name": "{{ 7*7 }} & <b>"}
    text, problems = fill_placeholders(
        "{partner_name} {{partner_name}} {{ partner_name }} {% if x %} {unknown} { partner_name } {partner_name:upper}",
        library.params,
        values,
    )
    assert text.startswith("{{ 7*7 }} & <b> {{partner_name}} {{ partner_name }} {% if x %} {unknown} { partner_name }")
    assert any("unknown placeholder {unknown}" in p for p in problems)
    assert any("unknown format ':upper'" in p for p in problems)


def test_custom_override_problems_are_recorded_not_raised(library, standard_spec) -> None:
    spec = with_choice(standard_spec, "intro.basis", text="Text with {nonsense}.")
    draft = assemble(spec, library)
    assert draft.problems == [("intro.basis", "unknown placeholder {nonsense}")]


def test_text_blocks() -> None:
    blocks = split_blocks("Lead line\ncontinued.\n- first\n  - nested\n- second\n\nAfter a blank line.")
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Lead line continued."),
        ("bullet", "first"),
        ("subbullet", "nested"),
        ("bullet", "second"),
        ("paragraph", "After a blank line."),
    ]


def test_document_has_headings_clauses_and_signatures(library, standard_spec) -> None:
    document = assemble(standard_spec, library).document
    headings = [p.text for p in document.paragraphs if p.kind == "heading"]
    assert headings[0] == "Preamble"
    assert "Part IX. Final Provisions" in headings and "Termination" in headings
    assert document.paragraphs[-1].text.startswith("For the Republic of North Macedonia:")
