"""Reading returned Word files as Word shows them: tracked changes in both views, comments,
notes, content controls, text boxes, fields, wrappers, nested tables; hostile markup; language;
and the analyze and diff commands on such files. Every fixture is built here with lxml (and one
by LibreOffice with change tracking on)."""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES

from bsa_drafter.analyze import analyze_file, spec_from_analysis
from bsa_drafter.errors import BadInput
from bsa_drafter.ingest import read_document, read_views
from bsa_drafter.reading.markers import without_marker

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from docx_build import (  # noqa: E402
    comment,
    comment_range,
    delete,
    deleted_run,
    el,
    ins,
    p,
    package,
    r,
    t,
    table,
    text_box,
)

CONSULT = "In the event of a future armed attack, the Participants will consult within "
EXIT = "Either Participant may terminate this Agreement by six months' written notice."


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _texts(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def _returned_draft(tmp_path: Path) -> Path:
    """24 hours changed to 72 as a tracked change, an exit clause inserted whole, a paragraph
    deleted whole, and a comment on the consultation."""
    return _write(
        tmp_path,
        "returned.docx",
        package(
            p(r("Agreement on Security Co-operation"), style="Title"),
            p(r("Part VIII. Future armed attack"), style="Heading1"),
            p(
                *comment_range(1, r(CONSULT)),
                delete(deleted_run("24")),
                ins(r("72")),
                r(" hours to determine next steps."),
            ),
            p(r("Part IX. Final Provisions"), style="Heading1"),
            p(ins(r(EXIT)), mark="ins"),
            p(delete(deleted_run("This Agreement cannot be terminated.")), mark="del"),
            p(r("This Agreement will take effect on signature.")),
            comments=[comment(1, "Our capital needs three days.")],
        ),
    )


def test_tracked_changes_give_a_proposed_and_a_before_view(tmp_path: Path) -> None:
    views = read_views(_returned_draft(tmp_path))
    proposed, before = views["proposed"], views["before"]
    assert CONSULT + "72 hours to determine next steps." in _texts(proposed)
    assert CONSULT + "24 hours to determine next steps." in _texts(before)
    assert EXIT in _texts(proposed) and EXIT not in _texts(before)
    assert "This Agreement cannot be terminated." in _texts(
        before
    ) and "This Agreement cannot be terminated." not in _texts(proposed)
    kinds = [(r.kind, r.text, r.whole_paragraph) for r in proposed.revisions]
    assert kinds == [
        ("deletion", "24", False),
        ("insertion", "72", False),
        ("insertion", EXIT, True),
        ("deletion", "This Agreement cannot be terminated.", True),
    ]
    consult = proposed.revisions[0]
    assert consult.author == "Partner" and consult.date.startswith("2026-03-02")
    assert consult.before.endswith("24 hours to determine next steps.") and consult.after.endswith(
        "72 hours to determine next steps."
    )
    assert proposed.paragraphs[consult.paragraph].text == consult.after
    removed = proposed.revisions[3]
    assert proposed.paragraphs[removed.paragraph].text == "This Agreement will take effect on signature."
    (remark,) = proposed.comments
    assert (remark.author, remark.text, remark.anchor) == ("Partner", "Our capital needs three days.", CONSULT.strip())
    assert remark.paragraph == consult.paragraph


def test_analyze_reads_the_proposed_view_and_lists_changes_by_clause(cli, tmp_path: Path) -> None:
    path = _returned_draft(tmp_path)
    result = cli("analyze", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["summary"] == "4 tracked changes by Partner; 1 comment"
    assert payload["view"] == "proposed" and payload["language"]["code"] == "en"
    rules = {f["rule"] for f in payload["findings"]}
    assert "consultation-slower-than-24h" in rules and "consultation-24h-missing" not in rules
    assert "unilateral-exit" in rules
    changed = {(r["kind"], r["text"]): r["clause"] for r in payload["revisions"]}
    assert changed[("insertion", "72")] == "attack.consultation"
    assert changed[("insertion", EXIT)] == "final.termination"
    assert payload["comments"][0]["clause"] == "attack.consultation"
    statuses = {c["status"] for c in payload["clauses"]}
    assert statuses <= {"match", "probable", "new", "heading", "signature", "not-mapped"} and "heading" in statuses
    for entry in payload["clauses"]:
        assert {"paragraph", "text", "status", "clause_id", "similarity"} <= set(entry)
    before = json.loads(cli("analyze", path, "--format", "json", "--view", "before").stdout)
    assert "unilateral-exit" not in {f["rule"] for f in before["findings"]}
    text = cli("analyze", path).stdout
    assert "4 tracked changes by Partner; 1 comment" in text.split("Features")[0]


def test_moves_and_split_paragraphs(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "moves.docx",
        package(
            p(
                el("moveFrom", r("Moved sentence."), id=10, author="Partner", date="2026-01-01T00:00:00Z"),
                r(" Stays here."),
            ),
            p(r("First half of a paragraph"), ins(r(".")), mark="ins"),
            p(r("second half, split by the other side.")),
            p(
                r("Target paragraph. "),
                el("moveTo", r("Moved sentence."), id=11, author="Partner", date="2026-01-01T00:00:00Z"),
            ),
        ),
    )
    views = read_views(path)
    assert _texts(views["proposed"]) == [
        " Stays here.".strip(),
        "First half of a paragraph.",
        "second half, split by the other side.",
        "Target paragraph. Moved sentence.",
    ]
    assert _texts(views["before"]) == [
        "Moved sentence. Stays here.",
        "First half of a paragraphsecond half, split by the other side.",
        "Target paragraph.",
    ]
    assert [r.kind for r in views["proposed"].revisions] == [
        "move-from",
        "paragraph-mark-inserted",
        "insertion",
        "move-to",
    ]


def test_everything_word_displays_is_read_once(tmp_path: Path) -> None:
    complex_field = [
        el("r", el("fldChar", fldCharType="begin")),
        el("r", el("instrText", " DATE ")),
        el("r", el("fldChar", fldCharType="separate")),
        r("1 March 2026"),
        el("r", el("fldChar", fldCharType="end")),
    ]
    inner = table([[p(r("Nested cell text."))]])
    path = _write(
        tmp_path,
        "wrappers.docx",
        package(
            p(r("Signed on "), *complex_field, r(".")),
            p(el("fldSimple", r("Page 3"), instr="PAGE"), r(" of the text.")),
            p(
                el("smartTag", r("Kyiv"), uri="urn:x", element="place"),
                el("customXml", r(" and Skopje"), element="city"),
            ),
            el("sdt", el("sdtPr"), el("sdtContent", p(r("Text in a content control.")))),
            p(el("sdt", el("sdtPr"), el("sdtContent", r("Inline control text.")))),
            p(r("Anchor of a box."), text_box(p(r("Text inside a text box.")))),
            table([[p(r("Outer cell.")), inner], [p(r("Second row."))]]),
            p(el("hyperlink", r("Linked words.")), r("Hidden", el("rPr", el("vanish")))),
            p(r("Footnoted sentence."), el("r", el("footnoteReference", id=2))),
            footnotes=[(2, "A note about the sentence.")],
        ),
    )
    document = read_document(path)
    assert _texts(document) == [
        "Signed on 1 March 2026.",
        "Page 3 of the text.",
        "Kyiv and Skopje",
        "Text in a content control.",
        "Inline control text.",
        "Anchor of a box.",
        "Text inside a text box.",
        "Outer cell.",
        "Nested cell text.",
        "Second row.",
        "Linked words.",
        "Footnoted sentence.",
    ]
    (note,) = document.notes
    assert (note.kind, note.text, document.paragraphs[note.paragraph].text) == (
        "footnote",
        "A note about the sentence.",
        "Footnoted sentence.",
    )


def test_alt_chunks_and_embedded_objects_are_named(cli, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "chunk.docx",
        package(
            p(r(EXIT)),
            el("altChunk"),
            p(r("An object follows."), el("r", el("object"))),
            relations=[("rIdChunk", "aFChunk", "chunk.html")],
            parts={"word/chunk.html": b"<html><p>hidden</p></html>"},
        ),
    )
    payload = json.loads(cli("analyze", path, "--format", "json").stdout)
    warnings = [f for f in payload["findings"] if f["rule"] == "unread-content"]
    assert (
        len(warnings) == 2
        and any("altChunk" in w["message"] for w in warnings)
        and any("OLE" in w["message"] for w in warnings)
    )


# --- hostile markup: read what can be read, warn, never crash ------------------------------------


def test_numbers_that_are_not_numbers(cli, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "levels.docx",
        package(
            p(r("Part I. Scope"), outline="one"),
            p(r("A numbered paragraph on scope and the long-term support."), num=("2", "x")),
            p(r("Another paragraph."), num=("999", "-7")),
        ),
    )
    result = cli("analyze", path)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def _patched(source: bytes, name: str, data: bytes, rename: str | None = None) -> bytes:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(out, "w") as target:
        for item in archive.infolist():
            content = data if item.filename == name else archive.read(item)
            target.writestr(rename if rename and item.filename == name else item.filename, content)
    return out.getvalue()


@pytest.mark.parametrize("variant", ["utf-16", "after-long-comment", "odd-part-name", "styles-part"])
def test_a_dtd_is_refused_whatever_its_encoding_or_place(tmp_path: Path, variant: str) -> None:
    from lxml import etree

    body = package(p(r("text")))
    declaration = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    with zipfile.ZipFile(__import__("io").BytesIO(body)) as archive:
        document = archive.read("word/document.xml").decode()
    root_xml = document.split("?>", 1)[1]
    if variant == "utf-16":
        data = ('<?xml version="1.0" encoding="UTF-16"?>' + declaration + root_xml).encode("utf-16")
        source = _patched(body, "word/document.xml", data)
    elif variant == "after-long-comment":
        data = ('<?xml version="1.0"?><!--' + "x" * 2_000_000 + "-->" + declaration + root_xml).encode()
        source = _patched(body, "word/document.xml", data)
    elif variant == "odd-part-name":
        source = package(p(r("text")), main="word/main.bin", document_bytes=(declaration + root_xml).encode())
    else:
        styles = etree.tostring(etree.fromstring(package.__globals__["STYLES"].encode())).decode()
        source = _patched(body, "word/styles.xml", (declaration.replace("w:document", "w:styles") + styles).encode())
    with pytest.raises(BadInput) as caught:
        read_document(_write(tmp_path, "dtd.docx", source))
    assert "declares a DTD" in str(caught.value)


def test_broken_comments_and_revisions_are_read_around(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "broken.docx",
        package(
            p(r("Kept text "), ins(r("inserted by nobody"), author=None), r(".")),
            p(
                el("commentRangeStart", id=77),
                r("Marked for a comment that does not exist."),
                el("commentRangeEnd", id=77),
            ),
            comments=[comment(5, "Attached to nothing.")],
        ),
    )
    document = read_document(path)
    assert _texts(document) == ["Kept text inserted by nobody.", "Marked for a comment that does not exist."]
    codes = [w.code for w in document.warnings]
    assert "revision-without-author" in codes and "comment-unanchored" in codes and "broken-markup" in codes
    assert document.comments[0].paragraph is None
    broken = _patched(
        package(p(r("Body text survives.")), comments=[comment(1, "x")]), "word/comments.xml", b"<w:comments><unclosed>"
    )
    document = read_document(_write(tmp_path, "broken2.docx", broken))
    assert _texts(document) == ["Body text survives."]
    assert any(w.code == "broken-markup" and "comments.xml" in w.message for w in document.warnings)


def test_to_spec_of_a_long_name_and_a_huge_paragraph(cli, tmp_path: Path) -> None:
    long_name = tmp_path / ("a" * 240 + ".txt")
    long_name.write_text(
        "Ukraine and the partner will cooperate on defence and long-term security support.\n", encoding="utf-8"
    )
    target = tmp_path / "long.toml"
    result = cli("analyze", long_name, "--to-spec", target)
    assert result.exit_code == 0, result.stderr
    huge = tmp_path / "huge.txt"
    huge.write_text("Ukraine and the partner will cooperate " + "on defence " * 15_000 + ".\n", encoding="utf-8")
    result = cli("analyze", huge, "--to-spec", tmp_path / "huge.toml")
    assert result.exit_code == 2
    assert "at most 100,000" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "huge.toml").exists()


# --- language and kind of document ----------------------------------------------------------------


def test_a_ukrainian_text_gets_findings_from_the_ukrainian_detectors(cli, tmp_path: Path) -> None:
    path = tmp_path / "uk.txt"
    path.write_text(
        "У разі майбутнього збройного нападу Учасники проведуть консультації протягом 24 годин.\n\n"
        "Ця Угода може бути припинена будь-яким Учасником шляхом письмового повідомлення.\n",
        encoding="utf-8",
    )
    payload = json.loads(cli("analyze", path, "--format", "json").stdout)
    assert payload["language"]["code"] == "uk"
    assert payload["features"]["unilateral_exit"]["value"] == "yes"
    assert payload["features"]["consultation_24h"]["value"] is True
    rules = [f["rule"] for f in payload["findings"]]
    assert "exit-without-notice" in rules and "consultation-24h-missing" not in rules and "language" not in rules
    assert payload["clauses"] and all(c["clause_id"] is None for c in payload["clauses"])  # no clause map


def test_a_text_in_a_language_without_detectors_gets_no_findings(cli, tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text(
        "В случае будущего вооружённого нападения Участники проведут консультации в течение 24 часов.\n\n"
        "Это Соглашение может быть прекращено любым Участником путём письменного уведомления.\n",
        encoding="utf-8",
    )
    payload = json.loads(cli("analyze", path, "--format", "json").stdout)
    assert payload["language"]["code"] == "ru" and payload["features"] == {}
    assert [f["rule"] for f in payload["findings"]] == ["language"]
    assert payload["findings"][0]["severity"] == "info" and "Russian" in payload["findings"][0]["message"]


def test_a_briefing_on_many_agreements_is_flagged(library, tmp_path: Path) -> None:
    names = ["United Kingdom", "Germany", "France", "Japan", "Canada", "Italy", "Netherlands", "Denmark"]
    text = "\n\n".join(
        f"The agreement with {name} was signed in 2024 and covers support for the armed forces of Ukraine."
        for name in names
    )
    path = tmp_path / "briefing.txt"
    path.write_text(text + "\n", encoding="utf-8")
    analysis = analyze_file(path, library)
    assert any(f.rule == "not-one-agreement" for f in analysis.findings)


# --- diff of Word files ----------------------------------------------------------------------------


def test_diff_of_a_docx_with_itself_before_and_after_its_changes(cli, tmp_path: Path) -> None:
    payload = json.loads(cli("diff", _returned_draft(tmp_path), "--format", "json").stdout)
    assert "before" in payload["old"] and "with its tracked changes" in payload["new"]
    by_id = {c["id"]: c for c in payload["clauses"]}
    assert by_id["attack.consultation"]["status"] == "changed"
    assert [-1, "24"] in by_id["attack.consultation"]["ops"] and [1, "72"] in by_id["attack.consultation"]["ops"]
    assert "consultation-slower-than-24h" in {f["rule"] for f in by_id["attack.consultation"]["findings"]}
    assert by_id["final.termination"]["status"] == "added"


def test_diff_of_two_docx_and_unmarked_changes(cli, library, tmp_path: Path) -> None:
    from bsa_drafter.export.docx import export_draft
    from bsa_drafter.spec import load_draft

    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    ours = export_draft(draft, tmp_path / "round5.docx")
    with zipfile.ZipFile(ours) as archive:
        xml = archive.read("word/document.xml")
    assert b"24 hours" in xml
    silent = _write(
        tmp_path,
        "returned_clean.docx",
        _patched(ours.read_bytes(), "word/document.xml", xml.replace(b"24 hours", b"72 hours")),
    )
    result = cli("diff", ours, silent)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Changes from round5.docx to returned_clean.docx")
    payload = json.loads(cli("diff", ours, silent, "--format", "json").stdout)
    changed = [c for c in payload["clauses"] if c["status"] != "unchanged"]
    assert [c["id"] for c in changed] == ["attack.consultation"]
    (unmarked,) = payload["unmarked_changes"]
    assert (
        unmarked["rule"] == "unmarked-change"
        and unmarked["severity"] == "warning"
        and unmarked["clause"] == "attack.consultation"
    )
    spec_side = json.loads(cli("diff", EXAMPLES / "montenegro.toml", silent, "--format", "json").stdout)
    assert spec_side["old"] == "montenegro.toml (round 5)" and len(spec_side["unmarked_changes"]) == 1


def test_unrelated_pairs_are_a_removal_and_an_addition(library) -> None:
    from bsa_drafter.diff import DiffItem, diff_items

    a = [
        DiffItem(
            "final.termination", "Termination", "Either Participant may end this Agreement by notice.", mapped=True
        )
    ]
    b = [
        DiffItem(
            "final.termination",
            "Termination",
            "The Participants will meet every year to review the fisheries quota.",
            mapped=True,
        )
    ]
    assert [c.status for c in diff_items(a, b).clauses] == ["removed", "added"]


# --- LibreOffice, with change tracking on ----------------------------------------------------------

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_tracked_changes_read_as_libreoffice_accepts_them(office, tmp_path: Path) -> None:
    clean = _write(
        tmp_path,
        "clean.docx",
        package(
            p(r("Part VIII. Future attack"), style="Heading1"),
            p(r(CONSULT + "24 hours to decide on next steps.")),
            p(r("The partner will provide swift and sustained assistance.")),
        ),
    )
    edited = tmp_path / "edited.docx"
    office.edit("track", clean, edited)
    accepted = tmp_path / "accepted.txt"
    before, _ = office.resolve(edited, accepted, accept=True)
    assert before >= 3
    libreoffice_lines = [line.strip() for line in accepted.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    document = read_document(edited)
    assert _texts(document) == libreoffice_lines
    assert {r.author for r in document.revisions} == {"Partner"}
    assert {"deletion", "insertion"} <= {r.kind for r in document.revisions}
    assert "24 hours" in " ".join(_texts(read_document(edited, "before")))


def test_the_app_facing_spec_of_a_docx_keeps_their_wording(library, tmp_path: Path) -> None:
    analysis = analyze_file(_returned_draft(tmp_path), library)
    spec = spec_from_analysis(analysis, library)
    assert "72 hours" in spec.clauses["attack.consultation"].text
    assert t("x").text == "x"  # the builder writes text as it is given


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("3. The Participants", "The Participants"),
        ("3.1. The Participants", "The Participants"),
        ("(2) training", "training"),
        ("b) training", "training"),
        ("(iv) training", "training"),
        ("(IX) training", "training"),
        ("• training", "training"),
        ("– training", "training"),
        ("o training", "training"),
        ("(ICC) to ensure", "(ICC) to ensure"),  # an acronym, not a marker
        ("2024 was a year", "2024 was a year"),
        ("Ukraine will", "Ukraine will"),
    ],
)
def test_a_list_marker_is_stripped_and_an_acronym_is_not(text: str, after: str) -> None:
    assert without_marker(text) == after
