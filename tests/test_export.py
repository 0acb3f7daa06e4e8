"""DOCX export, checked by real readers (python-docx, lxml) and against what the draft says."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, with_choice
from docxtpl import DocxTemplate
from helpers.wordml import W, agreement_paragraphs, body_texts, paragraph_text, part, style_of
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from bsa_drafter.assemble import assemble
from bsa_drafter.errors import BadInput
from bsa_drafter.export.docx import (
    BLOCK_STYLES,
    FIRST_LIST_ID,
    ListNumbers,
    Para,
    Unit,
    body_blocks,
    default_template,
    draft_body,
    expected_paragraph_texts,
    export_draft,
    render_draft,
    signature_headings,
    title_lines,
)
from bsa_drafter.export.runs import text_runs
from bsa_drafter.params import check_value
from bsa_drafter.spec import load_draft

EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.toml"))
WHEN = dt.datetime(2026, 11, 23, 9, 15, tzinfo=dt.timezone.utc)


def _parts(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_export_text_equals_the_assembled_draft(name: str, library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / name, library)
    path = export_draft(draft, tmp_path / "out.docx", allow_errors=True)
    data = path.read_bytes()
    assert body_texts(data) == expected_paragraph_texts(draft)
    document = docx.Document(path)  # python-docx opens it and agrees
    assert [p.text for p in document.paragraphs][: len(expected_paragraph_texts(draft))] == expected_paragraph_texts(
        draft
    )
    cells = [cell.text for cell in document.tables[0]._cells]
    assert cells[:2] == ["For Ukraine:", f"For {draft.partner_formal_name}:"]
    assert (
        document.sections[0].header.paragraphs[0].text.startswith(f"DRAFT \u2014 Round {draft.spec.draft.round} \u2014")
    )


def test_metadata_comes_from_the_draft_not_the_template(library) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    data = render_draft(draft, author="Legal Department", when=WHEN)
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == draft.title
    assert properties.subject == "Montenegro, round 5"
    assert properties.author == properties.last_modified_by == "Legal Department"
    assert properties.created == properties.modified == WHEN
    assert properties.language == "en-GB"
    assert properties.content_status == "Working draft"
    assert "python-docx" not in (properties.comments or "")
    app = part(data, "docProps/app.xml")
    assert [e.text for e in app] == ["bsa-drafter"]
    now = docx.Document(io.BytesIO(render_draft(draft))).core_properties.created
    assert abs(now - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)


def test_author_from_option_then_spec_then_configuration_then_the_user(library, private_settings: Path) -> None:
    private_settings.parent.mkdir(parents=True, exist_ok=True)
    _, draft = load_draft(EXAMPLES / "bulgaria.toml", library)

    def author(d=draft, explicit=None) -> str:  # type: ignore[no-untyped-def]
        return docx.Document(io.BytesIO(render_draft(d, author=explicit))).core_properties.author

    assert author() != ""  # the user's name, whatever this machine calls them
    private_settings.write_text('[export]\nauthor = "Department of International Security"\n', encoding="utf-8")
    assert author() == "Department of International Security"
    spec = draft.spec.model_copy(deep=True)
    spec.params["document_author"] = "Negotiating Team"
    assert author(assemble(spec, library)) == "Negotiating Team"
    assert author(explicit="Reviewer") == "Reviewer"
    private_settings.write_text("[export]\nauthor = 3\n", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        author()
    assert str(caught.value).startswith(f"{private_settings}:2: export.author")


def test_the_template_holds_only_what_an_agreement_uses(library) -> None:
    data = default_template().read_bytes()
    assert sorted(_parts(data)) == sorted(
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/header1.xml",
            "word/footer1.xml",
            "word/theme/theme1.xml",
        ]
    )
    styles = part(data, "word/styles.xml")
    ids = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style")}
    used_by_body = set(BLOCK_STYLES.values())
    structural = {"Normal", "DefaultParagraphFont", "TableNormal", "Title", "Header", "Footer", "BSADraftBanner"}
    signature = {"BSASignatureHeading", "BSASignatoryName", "BSASignatoryTitle"}
    redline_cover = {"BSAComparisonHeading", "BSAComparisonText", "BSAComparisonTable"}
    assert ids == used_by_body | structural | signature | redline_cover
    numbering = part(data, "word/numbering.xml")
    assert len(numbering.findall(f"{W}abstractNum")) == len(numbering.findall(f"{W}num")) == 2
    assert not [f for f in numbering.iter(f"{W}rFonts") if f.get(f"{W}hint") not in (None, "default", "eastAsia", "cs")]


def test_language_compatibility_and_tracking_settings(library) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    data = render_draft(draft)
    language = part(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert language.get(f"{W}val") == "en-GB"
    settings_root = part(data, "word/settings.xml")
    modes = [
        c.get(f"{W}val") for c in settings_root.iter(f"{W}compatSetting") if c.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]
    assert settings_root.find(f"{W}trackRevisions") is not None  # a working draft: their edits are tracked
    final_spec = draft.spec.model_copy(deep=True)
    final_spec.draft.status = "final"
    assert part(render_draft(assemble(final_spec, library)), "word/settings.xml").find(f"{W}trackRevisions") is None
    # the language of a paragraph is a parameter (Ukrainian text will carry uk-UA)
    units = [
        Unit(
            "clause:x",
            "clause",
            (
                Para("recital", "\u0423\u0447\u0430\u0441\u043d\u0438\u043a\u0438", "uk-UA"),
                Para("recital", "Participants"),
            ),
        )
    ]
    ukrainian, english = (
        etree.fromstring(str(b["xml"]).replace("<w:p>", f'<w:p xmlns:w="{W[1:-1]}">'))
        for b in body_blocks(units, False, ListNumbers())
    )
    assert [e.get(f"{W}val") for e in ukrainian.iter(f"{W}lang")] == ["uk-UA", "uk-UA"]  # the mark and the run
    assert english.find(f".//{W}lang") is None
    with pytest.raises(ValueError):
        text_runs("x", lang='en"/><w:b/>')


def test_printed_quotes_stacked_title_and_preamble_layout(library) -> None:
    _, draft = load_draft(EXAMPLES / "north_macedonia.toml", library)
    root = part(render_draft(draft), "word/document.xml")
    paragraphs = agreement_paragraphs(root)
    texts = [paragraph_text(p) for p in paragraphs]
    assert not any("'" in t or '"' in t for t in texts)
    assert any("Ukraine\u2019s" in t for t in texts)
    assert any("\u201cthe Participants\u201d" in t for t in texts)
    assert texts[0] == "\n".join(title_lines(draft))
    assert title_lines(draft) == [
        "Agreement on Security Co-operation",
        "between",
        "Ukraine",
        "and",
        "the Republic of North Macedonia",
    ]
    assert style_of(paragraphs[0]) == "Title"
    styles = [style_of(p) for p in paragraphs]
    preamble = styles[styles.index("Heading1") + 1 : styles.index("Heading1", styles.index("Heading1") + 1)]
    assert preamble[0] == BLOCK_STYLES["opening"] and preamble[-1] == BLOCK_STYLES["decision"]
    assert set(preamble[1:-1]) == {BLOCK_STYLES["recital"]}


def test_paragraph_numbers_are_lists_that_restart_under_each_heading(library) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    data = render_draft(draft)
    paragraphs = agreement_paragraphs(part(data, "word/document.xml"))
    lists: list[str] = []
    current = None
    for paragraph in paragraphs:
        if style_of(paragraph) in ("Heading1", "Heading2"):
            current = None
        num = paragraph.find(f"{W}pPr/{W}numPr/{W}numId")
        if style_of(paragraph) == BLOCK_STYLES["numbered"]:
            assert num is not None
            if current is None:
                current = num.get(f"{W}val")
                lists.append(current)
            assert num.get(f"{W}val") == current  # one list per heading
    assert len(lists) == len(set(lists)) > 20
    numbering = part(data, "word/numbering.xml")
    restarts = {
        n.get(f"{W}numId"): n.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val")
        for n in numbering.findall(f"{W}num")
        if int(n.get(f"{W}numId")) >= FIRST_LIST_ID
    }
    assert set(restarts) == set(lists) and set(restarts.values()) == {"1"}
    numbered = [c for c in draft.clauses if c.number is not None]
    assert sum(style_of(p) == BLOCK_STYLES["numbered"] for p in paragraphs) == len(numbered)


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("states", ("For Ukraine:", "For Montenegro:")),
        ("partner_government", ("For Ukraine:", "For the Government of Montenegro:")),
        ("governments", ("For the Government of Ukraine:", "For the Government of Montenegro:")),
    ],
)
def test_signature_forms(library, form: str, expected: tuple[str, str]) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    spec = draft.spec.model_copy(deep=True)
    spec.params["signature_form"] = form
    chosen = assemble(spec, library)
    assert signature_headings(chosen) == expected
    cells = [c.text for c in docx.Document(io.BytesIO(render_draft(chosen))).tables[0]._cells]
    assert tuple(cells[:2]) == expected
    assert check_value(library.params["signature_form"], "republic")[1] is not None


def test_the_signature_block_is_kept_together(library) -> None:
    _, draft = load_draft(EXAMPLES / "bulgaria.toml", library)
    data = render_draft(draft)
    root = part(data, "word/document.xml")
    styles = {s.get(f"{W}styleId"): s for s in part(data, "word/styles.xml").iter(f"{W}style")}
    done_at = [p for p in agreement_paragraphs(root) if style_of(p) == BLOCK_STYLES["closing"]]
    assert len(done_at) == 1 and paragraph_text(done_at[0]).startswith("Done at Sofia")
    table = root.find(f"{W}body/{W}tbl")
    assert root.find(f"{W}body").index(table) == root.find(f"{W}body").index(done_at[0]) + 1
    for row in table.findall(f"{W}tr"):
        assert row.find(f"{W}trPr/{W}cantSplit") is not None
        for paragraph in row.iter(f"{W}p"):
            style = styles[style_of(paragraph)]
            assert (
                style.find(f"{W}pPr/{W}keepNext") is not None and style.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
            )
            assert style.find(f"{W}rPr/{W}b") is not None
    assert styles[BLOCK_STYLES["closing"]].find(f"{W}pPr/{W}keepNext") is not None
    names = styles["BSASignatoryName"].find(f"{W}pPr/{W}spacing")
    assert int(names.get(f"{W}before")) >= 2 * 1134  # room to sign: at least 4 cm


def test_unicode_spaces_in_clause_text_are_kept(library, standard_spec) -> None:
    spaces = "\u00a0\u2009\u202f\u2003\u3000\u2007"
    text = f"within 24\u00a0hours, EUR\u202f25\u2009million,{spaces}end\n- a\u00a0bullet\u2003here"
    draft = assemble(with_choice(standard_spec, "intro.partnership", text=text), library)
    xml = zipfile.ZipFile(io.BytesIO(render_draft(draft))).read("word/document.xml").decode("utf-8")
    assert f"within 24\u00a0hours, EUR\u202f25\u2009million,{spaces}end" in xml
    assert "a\u00a0bullet\u2003here" in xml


def test_brackets_are_highlighted_in_a_working_draft_only(library, standard_spec) -> None:
    working = docx.Document(io.BytesIO(render_draft(assemble(standard_spec, library))))
    highlighted = [r.text for p in working.paragraphs for r in p.runs if r._r.find(f"{W}rPr/{W}highlight") is not None]
    assert "[amount]" in highlighted and "[date]" in highlighted
    final_spec = standard_spec.model_copy(deep=True)
    final_spec.draft.status = "final"
    final = docx.Document(io.BytesIO(render_draft(assemble(final_spec, library))))
    assert not [r for p in final.paragraphs for r in p.runs if r._r.find(f"{W}rPr/{W}highlight") is not None]
    assert final.sections[0].header.paragraphs[0].text == ""


def test_no_empty_runs_and_the_package_reads_back(library) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    data = render_draft(draft)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == _parts(default_template().read_bytes())
    for name in ("word/document.xml", "word/header1.xml"):
        root = part(data, name)
        empty = [r for r in root.iter(f"{W}r") if not any(c.tag != f"{W}rPr" for c in r)]
        assert not empty, name


def test_fast_renderer_matches_docxtpl(library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "montenegro.toml", library)
    template = DocxTemplate(str(default_template()))
    template.render(draft_body(draft).context, SandboxedEnvironment(autoescape=True))
    reference = tmp_path / "docxtpl.docx"
    template.save(reference)
    theirs = docx.Document(reference)
    assert [p.text for p in theirs.paragraphs][: len(expected_paragraph_texts(draft))] == expected_paragraph_texts(
        draft
    )
    ours = docx.Document(io.BytesIO(render_draft(draft)))
    assert [c.text for c in ours.tables[0]._cells] == [c.text for c in theirs.tables[0]._cells]


def test_export_with_errors_is_refused_unless_allowed(cli, write, tmp_path: Path) -> None:
    spec = write(
        "no_nato.toml",
        '[draft]\npartner = "Hungary"\ndate = 2026-11-20\n\n'
        '[clauses."intro.nato_membership"]\nvariant = "pathway_only"\n',
    )
    target = tmp_path / "hu.docx"
    refused = cli("export", spec, "-o", target)
    assert refused.exit_code == 1
    assert "refused" in refused.stderr and "nato-bridge-missing" in refused.stderr
    assert not target.exists()
    allowed = cli("export", spec, "-o", target, "--allow-errors")
    assert allowed.exit_code == 0, allowed.stderr
    assert docx.Document(target).paragraphs[0].text.endswith("Hungary")


def test_export_replaces_existing_output_atomically(library, tmp_path: Path) -> None:
    _, draft = load_draft(EXAMPLES / "bulgaria.toml", library)
    target = tmp_path / "bg.docx"
    target.write_bytes(b"old")
    export_draft(draft, target)
    assert body_texts(target.read_bytes())[0] == "\n".join(title_lines(draft))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bg.docx"]


HOSTILE_PIECES = list("&<>\"'{}%[]/\\ \t\n\u200f\u202e\u0410\u0411\u0416\u0457\u0454\u2013\u00a0\u2009\u3000") + [
    "\U0001f1fa\U0001f1e6",
    "{{ x }}",
    "{% for x in y %}",
    "{{p block.xml }}",
    "{{r title_runs }}",
    "\x07",
    "\x0c",
    "\x00",
    "\ufffe",
    "word",
    "- ",
    "\n  - ",
]
HOSTILE = st.lists(st.sampled_from(HOSTILE_PIECES), max_size=40).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE, partner=HOSTILE)
@example(text="x" * 10_000, partner="Bulgaria")
@example(text="{{ 7*7 }} {% for i in range(3) %}{{ i }}{% endfor %} & <w:p/>", partner="A & B <Ltd>")
@example(
    text="\u0423\u043a\u0440\u0430\u0457\u043d\u0430 \u200f\u05e9\u05dc\u05d5\u05dd\u200f \U0001f91d",
    partner="\u0411\u044a\u043b\u0433\u0430\u0440\u0438\u044f",
)
def test_hostile_text_always_gives_a_valid_docx_that_round_trips(
    library, standard_spec, text: str, partner: str
) -> None:
    spec = with_choice(standard_spec, "intro.partnership", text=text if text.strip() else "x")
    if partner.strip():
        spec.params["partner_formal_name"] = partner.strip()[:120]
    draft = assemble(spec, library)
    data = render_draft(draft, check=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))  # every part is well-formed XML
    texts = body_texts(data)
    assert texts == expected_paragraph_texts(draft)
    assert all(not any(ch in t for ch in "\x00\x07\x0c\ufffe") for t in texts)
