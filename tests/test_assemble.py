"""Assembly: order, numbering, statuses, placeholders, and the safety of the filler.

These run on the test library (tests/conftest.py: `small_library`), whose clauses and subheadings
the expectations name."""

from __future__ import annotations

from conftest import with_choice

from bsa_drafter.assemble import assemble, effective_order
from bsa_drafter.models import ClauseChoice
from bsa_drafter.params import fill_placeholders, number_in_words
from bsa_drafter.textblocks import split_blocks


def test_numbering_restarts_under_each_subheading(small_library, small_spec) -> None:
    draft = assemble(with_choice(small_spec, "support.training"), small_library)
    numbers = {c.id: c.number for c in draft.clauses}
    assert numbers == {
        "opening.purpose": None,  # the Preamble is not numbered
        "opening.membership": None,
        "support.pledge": 1,
        "support.training": 2,  # the same subheading, Assistance
        "support.consultation": 1,  # a new subheading in the same Part
        "final.term": 1,
        "final.exit": 2,
    }


def test_statuses(small_library, small_spec) -> None:
    spec = with_choice(small_spec, "final.exit", variant="no_exit")
    spec = with_choice(spec, "opening.purpose", text="Edited wording.")
    spec = with_choice(spec, "final.differences")
    spec = with_choice(spec, "support.pledge", include=False)
    draft = assemble(spec, small_library)
    status = {c.id: c.status for c in draft.clauses}
    assert status == {
        "opening.purpose": "edited",
        "opening.membership": "standard",
        "support.consultation": "standard",
        "final.term": "standard",
        "final.exit": "variant",
        "final.differences": "added",
    }
    assert draft.omitted == ["support.pledge"]


def test_added_clause_goes_under_its_own_subheading_in_library_order(small_library, small_spec) -> None:
    spec = with_choice(small_spec, "support.training")
    order = effective_order(spec, small_library)
    position = order.index("support.training")
    assert order[position - 1] == "support.pledge"  # the last of "Assistance"
    assert order[position + 1] == "support.consultation"
    draft = assemble(spec, small_library)
    subheadings = [
        clause.heading for kind, _, clause in draft.walk() if kind == "subheading" and clause.part == "support"
    ]
    assert subheadings == ["Assistance", "Consultations"]  # no second subheading, no restart at 1
    assert [c.number for c in draft.clauses if c.heading == "Assistance"] == [1, 2]


def test_custom_clauses_follow_their_subheading_or_end_their_part(small_library, small_spec) -> None:
    spec = with_choice(
        small_spec,
        "custom.liaison",
        part="support",
        heading="Assistance",
        title="Liaison",
        text="Liaison officers.",
    )
    spec = with_choice(spec, "custom.closing_note", part="support", title="Note", text="A note.")
    order = effective_order(spec, small_library)
    assert order[order.index("custom.liaison") - 1] == "support.pledge"
    assert order[order.index("custom.liaison") + 1] == "support.consultation"
    assert order[order.index("custom.closing_note") - 1] == "support.consultation"
    assert order[order.index("custom.closing_note") + 1] == "final.term"


def test_placing_many_added_clauses_takes_one_pass(small_library, small_spec) -> None:
    spec = small_spec.model_copy(deep=True)
    for n in range(3000):
        spec.clauses[f"custom.c{n}"] = ClauseChoice(part="support", title=f"C{n}", text=f"Clause {n}.")
    order = effective_order(spec, small_library)
    added = [cid for cid in order if cid.startswith("custom.")]
    assert added == [f"custom.c{n}" for n in range(3000)]  # in the spec's order, at the end of Part I
    assert order[order.index("custom.c0") - 1] == "support.consultation"
    assert order[order.index("custom.c2999") + 1] == "final.term"


def test_spec_order_is_respected(small_library, small_spec) -> None:
    spec = small_spec.model_copy(deep=True)
    order = list(small_library.profiles["standard"].clauses)
    order.remove("final.exit")
    order.insert(order.index("final.term"), "final.exit")
    spec.order = order
    ids = [c.id for c in assemble(spec, small_library).clauses]
    assert ids == order


def test_placeholder_values_and_words(small_library, small_spec) -> None:
    spec = small_spec.model_copy(deep=True)
    spec.params["duration_years"] = 12
    term = assemble(spec, small_library).clause("final.term")
    assert term.text == "This Agreement will remain valid for twelve (12) years."
    assert "дванадцяти (12) років" in term.text_uk
    assert number_in_words(24) == "twenty-four"


def test_clause_level_parameters_override_the_draft(small_library, small_spec) -> None:
    spec = with_choice(small_spec, "final.exit", params={"notice_months": 8})
    spec.params["notice_months"] = 3
    text = assemble(spec, small_library).clause("final.exit").text
    assert "eight (8) months" in text and "three" not in text


def test_unset_parameters_show_as_brackets(small_library, small_spec) -> None:
    draft = assemble(small_spec, small_library)
    assert "EUR [amount] million" in draft.clause("support.pledge").text
    assert "[сума] млн" in draft.clause("support.pledge").text_uk
    assert draft.signatories[0]["name"] == "[name]"


def test_the_filler_never_evaluates_anything(small_library) -> None:
    values = {"partner_name": "{{ 7*7 }} & <b>"}
    text, problems = fill_placeholders(
        "{partner_name} {{partner_name}} {{ partner_name }} {% if x %} {unknown} { partner_name } {partner_name:upper}",
        small_library.params,
        values,
    )
    assert text.startswith("{{ 7*7 }} & <b> {{partner_name}} {{ partner_name }} {% if x %} {unknown} { partner_name }")
    assert any("unknown placeholder {unknown}" in p for p in problems)
    assert any("unknown format ':upper'" in p for p in problems)


def test_custom_override_problems_are_recorded_not_raised(small_library, small_spec) -> None:
    spec = with_choice(small_spec, "opening.purpose", text="Text with {nonsense}.")
    draft = assemble(spec, small_library)
    assert draft.problems == [("opening.purpose", "unknown placeholder {nonsense}")]


def test_text_blocks() -> None:
    blocks = split_blocks("Lead line\ncontinued.\n- first\n  - nested\n- second\n\nAfter a blank line.")
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Lead line continued."),
        ("bullet", "first"),
        ("subbullet", "nested"),
        ("bullet", "second"),
        ("paragraph", "After a blank line."),
    ]


def test_document_has_headings_clauses_and_signatures(small_library, small_spec) -> None:
    document = assemble(small_spec, small_library).document
    headings = [p.text for p in document.paragraphs if p.kind == "heading"]
    assert headings == [
        "Preamble",
        "Part I. Support",
        "Assistance",
        "Consultations",
        "Part II. Final Provisions",
        "Term and exit",
    ]
    assert [p.clause for p in document.body()][:6] == list(small_library.profiles["standard"].clauses)
    assert document.paragraphs[-1].text.startswith("For the Republic of Freedonia:")
