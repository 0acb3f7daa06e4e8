"""Clause mapping: held-out siblings come out new, order and headings do not fool it, bullets
that move on to another clause follow it, and the reference labels still fit the reader."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import sys
import zlib
from pathlib import Path

import docx
import pytest
from conftest import REFERENCE, ROOT

from bsa_drafter.assemble import assemble
from bsa_drafter.errors import BadInput
from bsa_drafter.ingest import read_document
from bsa_drafter.mapping import (
    DEFAULT_PARAMS,
    SIGNED_NEW_TERMS,
    SIGNED_WORDING_FILE,
    ClauseMatcher,
    SignedWording,
    clause_units,
    content_terms,
    load_signed_wording,
    map_clauses,
)
from bsa_drafter.models import Library
from bsa_drafter.spec import new_spec

sys.path.insert(0, str(ROOT / "benchmarks"))
from labels import NEW, load_label_file, resolve, signed_examples  # noqa: E402

OFF_TOPIC = (
    "The Participants will hold a yearly festival of folk music and dance, with exchanges of choirs, "
    "costume makers and orchestras from both capitals."
)


def _without(library: Library, *held_out: str) -> Library:
    """The library as if these clauses had never been written."""
    return dataclasses.replace(
        library, clauses={k: v for k, v in library.clauses.items() if k not in held_out}, derived={}
    )


def _sections(library: Library) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(Part heading, subheading, [(clause id, first paragraph)]) of a standard draft, in order."""
    draft = assemble(new_spec(library, "North Macedonia", date=dt.date(2026, 1, 1)), library)
    sections: list[tuple[str, str, list[tuple[str, str]]]] = []
    for clause in draft.clauses:
        key = (library.parts[clause.part].heading, clause.heading)
        if not sections or sections[-1][:2] != key:
            sections.append((*key, []))
        sections[-1][2].append((clause.id, clause.text.split("\n")[0]))
    return sections


def _write_text(sections, path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The sections as a numbered plain text; returns each paragraph's words -> its clause id."""
    lines, expected, shown = ["AGREEMENT ON SECURITY CO-OPERATION", ""], {}, None
    for part, sub, paragraphs in sections:
        if part != shown:
            lines += [part, ""]
            shown = part
        if sub:
            lines += [sub, ""]
        for number, (clause_id, text) in enumerate(paragraphs, 1):
            lines += [f"{number}. {text}", ""]
            expected[_words(text)] = clause_id
    path.write_text("\n".join(lines), encoding="utf-8")
    return expected


def _words(text: str) -> str:
    return " ".join(re.sub(r"^\d+\.\s+", "", text).split())


def _mapped(path: Path, library: Library) -> dict[str, tuple[str | None, str]]:
    document = read_document(path)
    by_paragraph = map_clauses(document, library).by_paragraph()
    return {
        _words(p.text): (by_paragraph[p.index].clause_id, by_paragraph[p.index].status)
        for p in document.body()
        if p.index in by_paragraph
    }


@pytest.mark.parametrize("held_out", ["defence.research", "security.cyber_protocol", "humanitarian.children"])
def test_a_held_out_sibling_comes_out_new_and_its_siblings_stay(library, tmp_path: Path, held_out: str) -> None:
    expected = _write_text(_sections(library), tmp_path / "agreement.txt")
    mapped = _mapped(tmp_path / "agreement.txt", _without(library, held_out))
    group = [
        cid
        for cid, clause in library.clauses.items()
        if clause.heading == library.clauses[held_out].heading and cid != held_out
    ]
    for words, clause_id in expected.items():
        if clause_id == held_out:
            assert mapped[words] == (None, "new"), words
        elif clause_id in group:
            assert mapped[words][0] == clause_id


def test_text_with_nothing_close_is_new_even_amid_a_part(library, tmp_path: Path) -> None:
    sections = _sections(library)
    part, sub, paragraphs = next(s for s in sections if s[1] == "Defence industry co-operation")
    sections[sections.index((part, sub, paragraphs))] = (part, sub, [paragraphs[0], ("-", OFF_TOPIC), *paragraphs[1:]])
    _write_text(sections, tmp_path / "agreement.txt")
    document = read_document(tmp_path / "agreement.txt")
    match = next(
        m for m in map_clauses(document, library).matches if document.paragraphs[m.paragraph].text.endswith(OFF_TOPIC)
    )
    assert (match.clause_id, match.status) == (None, "new")
    assert match.nearest in library.clauses  # people can still see what it came closest to


def test_a_reordered_text_still_maps(library, tmp_path: Path) -> None:
    rng = random.Random(7)
    sections = _sections(library)
    middle = sections[1:-2]
    rng.shuffle(middle)
    shuffled = [
        sections[0],
        *[(part, sub, rng.sample(paragraphs, len(paragraphs))) for part, sub, paragraphs in middle],
        *sections[-2:],
    ]
    expected = _write_text(shuffled, tmp_path / "agreement.txt")
    mapped = _mapped(tmp_path / "agreement.txt", library)
    right = sum(mapped[words][0] == clause_id for words, clause_id in expected.items())
    assert right / len(expected) >= 0.95


def test_headings_by_capitals_bold_or_position_are_never_mapped(library, tmp_path: Path) -> None:
    """No heading style anywhere: Parts in capitals, one subheading in bold, one only by its
    place above a paragraph numbered 1."""
    document = docx.Document()
    document.add_paragraph().add_run("AGREEMENT ON SECURITY CO-OPERATION").bold = True
    sections = [s for s in _sections(library) if s[0].startswith(("Part VIII", "Part IX"))]
    for number, (part, sub, paragraphs) in enumerate(sections):
        if sub and number % 2:
            document.add_paragraph().add_run(sub).bold = True
        elif sub:
            document.add_paragraph(sub)
        elif part:
            document.add_paragraph(part.upper())
        for index, (_, text) in enumerate(paragraphs, 1):
            document.add_paragraph(f"{index}. {text}")
    path = tmp_path / "plain.docx"
    document.save(path)
    read = read_document(path)
    headings = {p.index for p in read.paragraphs if p.kind == "heading"}
    assert {s[1] for s in sections if s[1]} <= {read.paragraphs[i].text for i in headings}
    clause_map = map_clauses(read, library)
    assert not headings & {m.paragraph for m in clause_map.matches}
    assert sum(m.clause_id is not None for m in clause_map.matches) >= 0.9 * len(clause_map.matches)


def test_bullets_that_move_on_take_their_own_clause(library, tmp_path: Path) -> None:
    """A Scope paragraph that states NATO support and lists the core commitments as its bullets."""
    nato = (
        library.clauses["intro.nato_membership"]
        .variant("accession_support")
        .text.replace("{partner_name}", "Freedonia")
    )
    commitments = library.clauses["intro.core_commitments"].variants[0].text.split("\n")[1:]
    lines = [
        "Part I. Introduction",
        "",
        "Scope",
        "",
        f"1. {nato} Its main commitments are:",
        *[f"• {b[2:]}" for b in commitments],
    ]
    (tmp_path / "scope.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = read_document(tmp_path / "scope.txt")
    by_paragraph = map_clauses(document, library).by_paragraph()
    lead, *bullets = [p for p in document.body()]
    assert bullets and all(p.list_level for p in bullets)
    assert by_paragraph[lead.index].clause_id == "intro.nato_membership"
    assert [by_paragraph[p.index].clause_id for p in bullets] == ["intro.core_commitments"] * len(bullets)


def test_a_lead_that_says_nothing_of_its_own_follows_its_list(library, tmp_path: Path) -> None:
    bullets = library.clauses["defence.future_force"].variants[0].text.split("\n")[1:3]
    lines = ["Part II. Defence and Security", "", "Defence and military co-operation", "", "1. Under this Agreement:"]
    lines += [f"• {b.lstrip('- ').replace('{partner_name}', 'Freedonia')}" for b in bullets]
    (tmp_path / "list.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = read_document(tmp_path / "list.txt")
    by_paragraph = map_clauses(document, library).by_paragraph()
    assert {by_paragraph[p.index].clause_id for p in document.body()} == {"defence.future_force"}


def test_a_paragraph_broken_at_a_page_end_is_mapped_whole(library, tmp_path: Path) -> None:
    text = library.clauses["recovery.imf"].variants[0].text.replace("{partner_name}", "Freedonia")
    words = text.split()
    half = len(words) // 2
    while not words[half - 1][-1].isalnum():
        half += 1
    lines = [
        "Part V. Fiscal Support, Recovery and Reconstruction",
        "",
        "Macro-economic stability",
        "",
        "1. " + " ".join(words[:half]),
        "",
        " ".join(words[half:]),
        "",
    ]
    (tmp_path / "broken.txt").write_text("\n".join(lines), encoding="utf-8")
    document = read_document(tmp_path / "broken.txt")
    first, second = document.body()
    by_paragraph = map_clauses(document, library).by_paragraph()
    assert by_paragraph[first.index].clause_id == by_paragraph[second.index].clause_id == "recovery.imf"


def test_status_follows_the_score_and_new_has_no_clause(library, tmp_path: Path) -> None:
    sections = _sections(library)
    _write_text(sections, tmp_path / "agreement.txt")
    clause_map = map_clauses(
        read_document(tmp_path / "agreement.txt"), _without(library, "defence.research", "final.disputes")
    )
    statuses = {m.status for m in clause_map.matches}
    assert {"match", "new"} <= statuses
    for match in clause_map.matches:
        assert (match.clause_id is None) == (match.status == "new")
        if match.status != "new":
            assert (match.status == "match") == (match.similarity >= DEFAULT_PARAMS.match_score)


@pytest.mark.parametrize(
    ("wording", "clause_id", "status"),
    [
        ("The two sides will discuss any difference over the interpretation of this text.", "final.disputes", "match"),
        (
            "Any difference over the reading of this text will be talked over by the two sides.",
            "final.disputes",
            "probable",
        ),
        ("The sides will resolve by talks any difference on how this text is implemented.", None, "new"),
    ],
)
def test_confidence_falls_with_the_wording_shared(
    library, tmp_path: Path, wording: str, clause_id: str | None, status: str
) -> None:
    """Ever less of the clause's wording: a match, then a probable one shown as such, then new
    text that still names the clause it came closest to. A lone sentence has no headings or
    neighbours to add to its score, so the thresholds are set where its scores fall: between
    the first two for `match`, between the last two for `new`."""
    (tmp_path / "one.txt").write_text(wording + "\n", encoding="utf-8")
    params = dataclasses.replace(DEFAULT_PARAMS, match_score=0.45, new_score=0.3)
    (match,) = ClauseMatcher(library).map(read_document(tmp_path / "one.txt"), params=params).matches
    assert (match.clause_id, match.status) == (clause_id, status)
    assert (match.clause_id or match.nearest) == "final.disputes"


def test_matcher_parameters_change_the_outcome(library, tmp_path: Path) -> None:
    """The tuned thresholds are what decides: a floor above every score leaves only new text."""
    _write_text(_sections(library), tmp_path / "agreement.txt")
    document = read_document(tmp_path / "agreement.txt")
    matcher = ClauseMatcher(library)
    strict = matcher.map(document, params=dataclasses.replace(DEFAULT_PARAMS, text_floor=1.01, named_floor=1.01))
    assert {m.status for m in strict.matches} == {"new"}
    assert sum(m.status != "new" for m in matcher.map(document).matches) >= 0.95 * len(strict.matches)


needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference/agreements is not present")


@needs_reference
def test_reference_labels_still_fit_the_reader_and_the_mapping_holds(library) -> None:
    """Every hand label finds its paragraph in today's reading (a changed reader must re-label,
    not silently lose labels), and the defaults keep most labelled paragraphs right, each
    agreement read with signed wording learnt from the other five only."""
    read = {}
    for name, entry in load_label_file().items():
        document = read_document(REFERENCE / str(entry["file"]))
        labels = resolve(entry, document, library)
        assert not labels.drifted, (name, labels.drifted)
        read[name] = (document, labels.by_paragraph)
    right = total = 0
    for name, (document, labels) in read.items():
        others = [e for other, (d, lab) in read.items() if other != name for e in signed_examples(d, lab)]
        by_paragraph = ClauseMatcher(library, SignedWording.learn(others)).map(document).by_paragraph()
        for index, allowed in labels.items():
            match = by_paragraph[index]
            right += (NEW if match.status == "new" else match.clause_id) in allowed
            total += 1
    assert total >= 590 and right / total >= 0.88


# signed wording in our own made-up words: how a counterpart might say a clause, and text we have no clause for
SIGNED = [
    (
        ("final.amendments",),
        "Changes to the present accord may be introduced at any moment once both sides approve them on paper.",
        "Changes",
    ),
    (
        ("final.amendments",),
        "The present accord can be changed at any moment when both sides approve the change on paper.",
        "Procedure",
    ),
    (
        ("final.termination",),
        "Either side can end the present accord by telling the other on paper; it ends half a year later.",
        "Ending",
    ),
    (
        (),
        "Both sides will hold a yearly forum of their chambers of commerce, with trade fairs and business delegations.",
        "Trade",
    ),
]


def _one(tmp_path: Path, text: str, heading: str = "") -> Path:
    path = tmp_path / "one.txt"
    path.write_text((f"{heading}\n\n" if heading else "") + text + "\n", encoding="utf-8")
    return path


def test_signed_wording_teaches_a_counterpart_s_way_of_saying_a_clause(library, tmp_path: Path) -> None:
    document = read_document(
        _one(
            tmp_path,
            "Changes to the present accord may be introduced whenever both sides approve them on paper.",
            "Part IX. Final Provisions",
        )
    )
    (alone,) = ClauseMatcher(library).map(document).matches
    (taught,) = ClauseMatcher(library, SignedWording.learn(SIGNED)).map(document).matches
    assert (alone.clause_id, alone.status) == (None, "new")  # our own words share too little with it
    assert taught.clause_id == "final.amendments"


def test_signed_text_with_no_counterpart_keeps_a_paragraph_like_it_new(library, tmp_path: Path) -> None:
    text = (
        "Both sides will hold a yearly forum of their chambers of commerce, with trade fairs, business delegations and "
        "partnerships for investment."
    )
    document = read_document(_one(tmp_path, text, "Part V. Recovery"))
    (alone,) = ClauseMatcher(library).map(document).matches
    (taught,) = ClauseMatcher(library, SignedWording.learn(SIGNED)).map(document).matches
    assert alone.clause_id == "recovery.investment"  # it shares the investment clause's words
    assert (taught.clause_id, taught.status, taught.nearest) == (None, "new", "recovery.investment")


def test_signed_wording_keeps_no_text_and_survives_its_file(library, tmp_path: Path) -> None:
    signed = SignedWording.learn(SIGNED)
    kept = signed.to_json()
    names = r'"(idf|clauses|heading_idf|headings|new_text|final\.[a-z_]+)"'
    assert not re.search(r"[a-z]{3,}", re.sub(names, "", kept))  # numbers only, beside the names
    assert SignedWording.from_json(kept).to_json() == kept
    assert set(signed.clauses) == set(signed.headings) == {"final.amendments", "final.termination"}
    assert len(signed.new_text) == 1


def test_signed_wording_keeps_single_stems_only_so_no_word_order(library) -> None:
    """Pairs of adjacent stems would let one chain a paragraph's stems back into their order."""
    long_new = (
        (),
        "Both sides will hold a yearly forum of their chambers of commerce, with trade fairs, business delegations, "
        "export credit lines, shipping routes, customs pilots and investment partnerships for regional enterprises.",
        "Trade",
    )
    signed = SignedWording.learn([*SIGNED, long_new])
    stems = {zlib.crc32(term.encode()) for _, text, _ in [*SIGNED, long_new] for term in content_terms(text)}
    stored = {key for vector in [*signed.clauses.values(), *signed.new_text] for key in vector}
    assert stored and stored <= stems and set(signed.idf) <= stems
    longest = max(signed.new_text, key=len)
    assert len(longest) == SIGNED_NEW_TERMS < len(set(content_terms(long_new[1])))


def test_a_clause_gone_from_the_library_is_forgotten_by_its_signed_wording(library, tmp_path: Path) -> None:
    document = read_document(
        _one(
            tmp_path,
            "Changes to the present accord may be introduced whenever both sides approve them on paper.",
            "Part IX. Final Provisions",
        )
    )
    (match,) = ClauseMatcher(_without(library, "final.amendments"), SignedWording.learn(SIGNED)).map(document).matches
    assert (match.clause_id, match.status) == (None, "new")  # not handed to a sibling by the gone clause's wording


def test_a_broken_signed_wording_file_is_reported_with_its_path(library, tmp_path: Path) -> None:
    assert load_signed_wording(dataclasses.replace(library, root=str(tmp_path))) is None  # none: the library alone
    (tmp_path / SIGNED_WORDING_FILE).write_text('{"idf": [[1, 2.0]], "clauses": 3}', encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        load_signed_wording(dataclasses.replace(library, root=str(tmp_path)))
    assert SIGNED_WORDING_FILE in str(caught.value)


def test_the_library_s_signed_wording_names_only_its_clauses(library) -> None:
    signed = load_signed_wording(library)
    assert signed is not None and signed.new_text
    assert set(signed.clauses) <= set(library.clauses) and len(signed.clauses) >= 60


def test_items_of_a_list_opened_by_a_colon_go_with_it_and_recitals_do_not(tmp_path: Path) -> None:
    lines = [
        "Ukraine and Freedonia,",
        "recalling the Charter of the United Nations;",
        "seeking a just and lasting peace;",
        "have decided as follows:",
        "Part I. Scope",
        "The Participants decide to:",
        "1. support Ukraine in defending itself;",
        "2. strengthen its recovery; and",
        "3. advance its reforms.",
        "The Participants will meet every year.",
    ]
    (tmp_path / "list.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    document = read_document(tmp_path / "list.txt")
    texts = [[document.paragraphs[i].text for i in unit] for unit in clause_units(document)]
    lead = next(unit for unit in texts if unit[0] == "The Participants decide to:")
    assert len(lead) == 4
    assert ["recalling the Charter of the United Nations;"] in texts  # a recital is not the opening's item
    assert ["The Participants will meet every year."] in texts


@needs_reference
def test_the_library_s_signed_wording_is_learnt_from_today_s_labels(library) -> None:
    """The signed wording beside the library is what the hand labels give with today's reader
    and mapping terms (rebuild it with benchmarks/bench_mapping.py --write-signed)."""
    examples = []
    for entry in load_label_file().values():
        document = read_document(REFERENCE / str(entry["file"]))
        examples += signed_examples(document, resolve(entry, document, library).by_paragraph)
    assert (
        SignedWording.learn(examples).to_json()
        == SignedWording.from_json((Path(library.root) / SIGNED_WORDING_FILE).read_text(encoding="utf-8")).to_json()
    )
