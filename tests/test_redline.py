"""Redline DOCX: accepting every change gives draft B, rejecting every change gives draft A, and
the changes in between tell a reviewer what really changed.

Checked by our own reading of the XML (tests/helpers/wordml.py) and, when LibreOffice is
installed, by LibreOffice itself accepting or rejecting every change.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES
from helpers.wordml import W, agreement_paragraphs, paragraph_text, part, resolve_changes, style_of, tracked

from bsa_drafter.assemble import assemble, effective_order
from bsa_drafter.compare import standard_draft
from bsa_drafter.export.docx import BLOCK_STYLES, Para, expected_paragraph_texts
from bsa_drafter.export.redline import align_paragraphs, count_tracked_changes, render_redline
from bsa_drafter.spec import load_draft

WHEN = dt.datetime(2026, 11, 22, 10, 30, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def drafts(library):
    _, montenegro = load_draft(EXAMPLES / "montenegro.toml", library)
    _, north_macedonia = load_draft(EXAMPLES / "north_macedonia.toml", library)
    return {
        "standard": standard_draft(montenegro),
        "montenegro": montenegro,
        "north_macedonia": north_macedonia,
        "moved": moved(montenegro, library),
        "one_more_bullet": one_more_bullet(montenegro, library),
        "moved_and_changed": moved_and_changed(montenegro, library),
    }


def moved(draft, library):  # type: ignore[no-untyped-def]
    """Montenegro with the capability-coalitions clause three places further down."""
    spec = draft.spec.model_copy(deep=True)
    order = effective_order(spec, library)
    index = order.index("defence.capability_coalitions")
    order.insert(index + 3, order.pop(index))
    return assemble(spec.model_copy(update={"order": order}), library)


def one_more_bullet(draft, library):  # type: ignore[no-untyped-def]
    """Montenegro with one bullet inserted between the two bullets of the future-force clause."""
    spec = draft.spec.model_copy(deep=True)
    choice = spec.clauses["defence.future_force"]
    lines = choice.text.split("\n")
    second = next(k for k, line in enumerate(lines) if k > 1 and line.startswith("- "))
    lines.insert(second, "- the Participants will share lessons learned on the battlefield;")
    spec.clauses["defence.future_force"] = choice.model_copy(update={"text": "\n".join(lines)})
    return assemble(spec, library)


def moved_and_changed(draft, library):  # type: ignore[no-untyped-def]
    """Montenegro with the future-force clause (a lead and two bullets) moved to the end of its
    subheading, and the wording of its last bullet changed."""
    spec = draft.spec.model_copy(deep=True)
    order = effective_order(spec, library)
    order.insert(order.index("defence.duration_support"), order.pop(order.index("defence.future_force")))
    choice = spec.clauses["defence.future_force"]
    spec.clauses["defence.future_force"] = choice.model_copy(
        update={"text": choice.text.replace("in particular", "chiefly")}
    )
    return assemble(spec.model_copy(update={"order": order}), library)


PAIRS = [
    ("standard", "montenegro"),
    ("montenegro", "standard"),
    ("north_macedonia", "montenegro"),
    ("montenegro", "moved"),
    ("moved", "montenegro"),
    ("montenegro", "one_more_bullet"),
]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_accept_all_gives_b_and_reject_all_gives_a(drafts, a: str, b: str) -> None:
    data = render_redline(drafts[a], drafts[b], author="Legal Department", check=True)
    assert resolve_changes(data, accept=True) == expected_paragraph_texts(drafts[b])
    assert resolve_changes(data, accept=False) == expected_paragraph_texts(drafts[a])


def test_one_inserted_bullet_is_exactly_one_insertion(drafts) -> None:
    data = render_redline(drafts["montenegro"], drafts["one_more_bullet"], author="Reviewer")
    root = part(data, "word/document.xml")
    inserted = [p for p in agreement_paragraphs(root) if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    assert [paragraph_text(p) for p in inserted] == ["the Participants will share lessons learned on the battlefield;"]
    assert style_of(inserted[0]) == BLOCK_STYLES["bullet"]
    body = root.find(f"{W}body")
    assert len(tracked(body, "ins")) == 2  # its text and its paragraph mark
    assert not tracked(body, "del") and not tracked(body, "moveFrom")
    assert count_tracked_changes(data) == {"insertions": 2, "deletions": 0, "moves": 0}


def test_bullets_are_paired_by_content_not_position(drafts) -> None:
    """Montenegro's future-force clause keeps the first and third standard bullets (edited) and
    drops the second and the five sub-bullets: the redline says exactly that."""
    data = render_redline(drafts["standard"], drafts["montenegro"], author="Reviewer")
    paragraphs = agreement_paragraphs(part(data, "word/document.xml"))
    start = next(k for k, p in enumerate(paragraphs) if paragraph_text(p).startswith("Under this Agreement"))
    clause = paragraphs[start : start + 9]
    deleted = [p for p in clause if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    changed = [
        p
        for p in clause
        if p.find(f"{W}pPr/{W}rPr/{W}del") is None and (p.find(f"{W}ins") is not None or p.find(f"{W}del") is not None)
    ]
    assert [style_of(p) for p in deleted] == [BLOCK_STYLES["bullet"]] + [BLOCK_STYLES["subbullet"]] * 5
    assert "long-term advice" in paragraph_text(deleted[0])
    assert len(changed) == 2
    assert "interoperable with NATO" in paragraph_text(changed[1])


def test_alignment_pairs_similar_paragraphs_and_leaves_unrelated_ones_apart() -> None:
    old = [
        Para("bullet", "the Participants will train pilots and engineers"),
        Para("bullet", "sanctions will stay in force"),
    ]
    new = [
        Para("bullet", "a new point about something else entirely"),
        Para("bullet", "the Participants will train pilots, engineers and medics"),
    ]
    assert align_paragraphs(old, new) == [(None, 0), (0, 1), (1, None)]
    assert align_paragraphs(old, old) == [(0, 0), (1, 1)]
    assert align_paragraphs([Para("bullet", "same words here")], [Para("subbullet", "same words here")]) == [
        (0, None),
        (None, 0),
    ]


def test_a_moved_clause_is_a_word_move(drafts) -> None:
    data = render_redline(drafts["montenegro"], drafts["moved"], author="Reviewer", when=WHEN)
    root = part(data, "word/document.xml")
    body = root.find(f"{W}body")
    assert not tracked(body, "ins") and not tracked(body, "del")
    starts = {e.get(f"{W}name") for e in tracked(body, "moveFromRangeStart")}
    assert starts == {e.get(f"{W}name") for e in tracked(body, "moveToRangeStart")} and len(starts) == 1
    ranges = tracked(body, "moveFromRangeStart") + tracked(body, "moveToRangeStart")
    assert {e.get(f"{W}id") for e in ranges} == {
        e.get(f"{W}id") for e in tracked(body, "moveFromRangeEnd") + tracked(body, "moveToRangeEnd")
    }
    moved_text = [paragraph_text(e.getnext()) for e in tracked(body, "moveToRangeStart")]
    assert moved_text[0].startswith("Montenegro will support the capability coalitions")
    assert count_tracked_changes(data)["moves"] == 1
    cover = paragraph_text(body)
    assert "Capability coalitions" in cover and "moved" in cover


def test_a_moved_clause_that_also_changed(drafts) -> None:
    """Its unchanged paragraphs are moves; the changed one is deleted where it was and inserted
    where it is, since a move cannot carry edits that every reader resolves alike."""
    data = render_redline(drafts["montenegro"], drafts["moved_and_changed"], author="Reviewer")
    body = part(data, "word/document.xml").find(f"{W}body")
    moved = [paragraph_text(e.getnext()) for e in tracked(body, "moveToRangeStart")]
    assert len(moved) == 2 and moved[0] == "Under this Agreement:" and moved[1].startswith("the Participants will work")
    inserted = [paragraph_text(p) for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    deleted = [paragraph_text(p) for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    assert len(inserted) == len(deleted) == 1 and "chiefly" in inserted[0] and "in particular" in deleted[0]
    cover = paragraph_text(body)
    assert "moved and changed" in cover


def test_tracked_changes_are_native_unique_and_attributed(drafts) -> None:
    data = render_redline(drafts["standard"], drafts["montenegro"], author="O'Brien & <Legal>", when=WHEN)
    body = part(data, "word/document.xml").find(f"{W}body")
    changes = tracked(body, "ins") + tracked(body, "del")
    ids = [c.get(f"{W}id") for c in changes]
    assert len(ids) == len(set(ids)) > 20
    assert {c.get(f"{W}author") for c in changes} == {"O'Brien & <Legal>"}
    assert {c.get(f"{W}date") for c in changes} == {"2026-11-22T10:30:00Z"}
    assert all(d.find(f"{W}r/{W}t") is None for d in tracked(body, "del"))  # deleted text is w:delText
    assert part(data, "word/settings.xml").find(f"{W}trackRevisions") is not None


def test_the_first_page_says_what_is_compared_and_lists_the_changes(drafts) -> None:
    data = render_redline(
        drafts["standard"], drafts["montenegro"], author="Reviewer", when=WHEN, base_label="the standard draft"
    )
    body = part(data, "word/document.xml").find(f"{W}body")
    first = [paragraph_text(p) for p in body.findall(f"{W}p")[:2]]
    assert first == [
        "Comparison of the standard draft with Montenegro (round 5, 5 November 2026)",
        "Generated on 22 November 2026 at 10:30 UTC by Reviewer.",
    ]
    table = body.find(f"{W}tbl")
    rows = [[paragraph_text(c) for c in row.findall(f"{W}tc")] for row in table.findall(f"{W}tr")]
    assert rows[0] == ["Where", "Clause", "Change", "Details"]
    statuses = {row[1]: row[2] for row in rows[1:]}
    assert statuses["Future force"] == "changed" and statuses["Hybrid threats"] == "added"
    future = next(row for row in rows if row[1] == "Future force")
    assert future[0].startswith("Part II.") and "6 deleted" in future[3]
    changed_clauses = {c.title for c in drafts["montenegro"].clauses if c.status != "standard"}
    assert set(statuses) <= changed_clauses | {"Title", "Signature block"}
    section_end = next(p for p in body.findall(f"{W}p") if p.find(f"{W}pPr/{W}sectPr") is not None)
    assert section_end.find(f"{W}pPr/{W}sectPr/{W}headerReference") is None  # the agreement's header starts after it


def test_brackets_stay_highlighted_in_a_redline(drafts) -> None:
    body = part(render_redline(drafts["standard"], drafts["montenegro"], author="R"), "word/document.xml").find(
        f"{W}body"
    )
    inserted = [r for change in tracked(body, "ins") for r in change.iter(f"{W}r")]
    marked = ["".join(t.text for t in r.iter(f"{W}t")) for r in inserted if r.find(f"{W}rPr/{W}highlight") is not None]
    assert "[demining and the disposal of explosive ordnance / training of specialists]" in "".join(marked)
    unchanged = [
        r for p in body.iter(f"{W}p") for r in p.findall(f"{W}r") if r.find(f"{W}rPr/{W}highlight") is not None
    ]
    assert any("[date]" in "".join(t.text for t in r.iter(f"{W}t")) for r in unchanged)


def test_identical_drafts_give_no_tracked_changes(drafts) -> None:
    data = render_redline(drafts["montenegro"], drafts["montenegro"], author="x")
    assert count_tracked_changes(data) == {"insertions": 0, "deletions": 0, "moves": 0}
    assert "Clauses: no clause changed." in paragraph_text(part(data, "word/document.xml").find(f"{W}body"))


def test_cli_redline(cli, tmp_path: Path) -> None:
    target = tmp_path / "redline.docx"
    result = cli(
        "export", EXAMPLES / "bulgaria.toml", "--redline-against", "standard", "-o", target, "--author", "Reviewer"
    )
    assert result.exit_code == 0, result.stderr
    assert re.search(r"\d+ insertions, \d+ deletions and \d+ moved paragraphs tracked", " ".join(result.stdout.split()))
    assert paragraph_text(part(target.read_bytes(), "word/document.xml").find(f"{W}body/{W}p")).startswith(
        "Comparison of the standard draft with Bulgaria"
    )
    against_spec = cli(
        "export",
        EXAMPLES / "bulgaria.toml",
        "--redline-against",
        EXAMPLES / "north_macedonia.toml",
        "-o",
        tmp_path / "r2.docx",
    )
    assert against_spec.exit_code == 0
    assert (
        cli(
            "export",
            EXAMPLES / "bulgaria.toml",
            "--redline-against",
            tmp_path / "missing.toml",
            "-o",
            tmp_path / "y.docx",
        ).exit_code
        == 2
    )
    assert not (tmp_path / "y.docx").exists()


# --- LibreOffice resolves the changes itself ---------------------------------------------------

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def expected_lines(draft) -> list[str]:  # type: ignore[no-untyped-def]
    """The draft as LibreOffice's text export writes it: one line per line, list labels first."""
    from bsa_drafter.export.docx import draft_units, title_lines

    lines = list(title_lines(draft))
    for unit in draft_units(draft):
        number = unit.clause.number if unit.clause else None
        for para in unit.paragraphs:
            label = {"numbered": f"{number}. ", "bullet": "\u2022 ", "subbullet": "\u25e6 "}.get(para.kind, "")
            lines.append(label + para.text)
    return lines


@needs_libreoffice
@pytest.mark.parametrize(
    ("a", "b"), [("standard", "montenegro"), ("montenegro", "moved"), ("montenegro", "one_more_bullet")]
)
@pytest.mark.parametrize("accept", [True, False])
def test_libreoffice_accepts_and_rejects_to_the_right_draft(
    drafts, office, tmp_path: Path, a: str, b: str, accept: bool
) -> None:
    source = tmp_path / "redline.docx"
    source.write_bytes(render_redline(drafts[a], drafts[b], author="Reviewer"))
    target = tmp_path / "resolved.txt"
    before, after = office.resolve(source, target, accept=accept)
    assert before > 0 and after == 0
    lines = [line.strip() for line in target.read_text(encoding="utf-8-sig").split("\n")]
    expected = expected_lines(drafts[b] if accept else drafts[a])
    start = lines.index(expected[0])
    # paragraph numbers included: LibreOffice renumbers the lists as the changes are resolved
    assert lines[start : start + len(expected)] == expected
    assert lines[start + len(expected)] == "For Ukraine:"
