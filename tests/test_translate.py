"""The translators' round trip (XLIFF), the termbase as TBX, and the library in both languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES
from lxml import etree

from bsa_drafter.editing import DraftSession
from bsa_drafter.spec import dumps_spec, load_spec

XLIFF = "urn:oasis:names:tc:xliff:document:1.1"
TBX_STATUS = "{*}termNote[@type='administrativeStatus']"


@pytest.fixture()
def montenegro(tmp_path: Path) -> Path:
    target = tmp_path / "montenegro.toml"
    shutil.copy(EXAMPLES / "montenegro.toml", target)
    return target


def _units(path: Path) -> dict[str, etree._Element]:
    tree = etree.parse(str(path))
    return {unit.get("id"): unit for unit in tree.iter(f"{{{XLIFF}}}trans-unit")}


def _translate(path: Path, out: Path, targets: dict[str, str]) -> None:
    """What a translator's tool does: fill in the targets and mark them translated."""
    tree = etree.parse(str(path))
    for unit in tree.iter(f"{{{XLIFF}}}trans-unit"):
        if unit.get("id") not in targets:
            continue
        target = unit.find(f"{{{XLIFF}}}target")
        if target is None:
            target = etree.Element(f"{{{XLIFF}}}target")
            unit.find(f"{{{XLIFF}}}source").addnext(target)
        target.text = targets[unit.get("id")]
        target.set("state", "translated")
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")


FUTURE_FORCE_UK = (
    "Відповідно до цієї Угоди:\n- Учасники спільно працюватимуть над створенням сталих сил, здатних захищати Україну "
    "сьогодні та стримувати російську агресію в майбутньому;\n- {partner_name} разом з іншими партнерами допомагатиме "
    "Україні розбудовувати сучасні Збройні Сили, дедалі більшою мірою оперативно сумісні з НАТО, зокрема шляхом "
    "[розмінування та знешкодження вибухонебезпечних предметів / підготовки фахівців]."
)
EU_UK = "Україна та {partner_name} ділитимуться досвідом переговорів про вступ до Європейського Союзу."


def test_the_round_trip_exports_what_fell_behind_and_takes_the_translation_back(
    cli, montenegro: Path, tmp_path: Path, library
) -> None:
    exported = tmp_path / "round5.xlf"
    result = cli("translate", "export", montenegro, "-o", exported)
    assert result.exit_code == 0, result.output
    units = _units(exported)
    assert list(units) == ["defence.future_force", "custom.eu_integration"]
    stale = units["defence.future_force"]
    assert stale.find(f"{{{XLIFF}}}target").get("state") == "needs-review-translation"
    assert "{partner_name}" in stale.find(f"{{{XLIFF}}}source").text
    assert units["custom.eu_integration"].find(f"{{{XLIFF}}}target") is None
    root = etree.parse(str(exported)).getroot()
    file_node = root.find(f"{{{XLIFF}}}file")
    assert file_node.get("original") == "montenegro.toml" and file_node.get("target-language") == "uk"
    assert [etree.QName(child).localname for child in file_node] == ["header", "body"]

    translated = tmp_path / "round5.uk.xlf"
    _translate(exported, translated, {"defence.future_force": FUTURE_FORCE_UK, "custom.eu_integration": EU_UK})
    result = cli("translate", "import", montenegro, translated)
    assert result.exit_code == 0, result.output
    assert "2 clause(s)" in result.output
    session = DraftSession.open(montenegro, library)
    assert session.clause("defence.future_force").source_text_uk == FUTURE_FORCE_UK
    assert session.clause("custom.eu_integration").text_uk.startswith("Україна та Чорногорія ділитимуться")
    assert (
        session.clause("defence.future_force").stale is None and session.clause("custom.eu_integration").stale is None
    )
    assert "nothing to translate" in cli("translate", "export", montenegro, "-o", tmp_path / "again.xlf").output


def test_since_an_earlier_round_exports_the_clauses_whose_english_changed(
    cli, montenegro: Path, tmp_path: Path
) -> None:
    earlier = tmp_path / "round4.toml"
    earlier.write_text(montenegro.read_text(encoding="utf-8").replace("at any time", "anytime"), encoding="utf-8")
    text = montenegro.read_text(encoding="utf-8")
    assert '[clauses."final.termination"]' in text
    montenegro.write_text(
        text.replace(
            '[clauses."final.termination"]\nvariant = "at_any_time"',
            '[clauses."final.termination"]\nvariant = "six_months"',
        ),
        encoding="utf-8",
    )
    exported = tmp_path / "changes.xlf"
    result = cli("translate", "export", montenegro, "--since", earlier, "-o", exported)
    assert result.exit_code == 0, result.output
    units = _units(exported)
    assert list(units) == ["final.termination"]
    notes = [n.text for n in units["final.termination"].iter(f"{{{XLIFF}}}note")]
    assert any(
        n.startswith("The English of the earlier round:\nEither Participant may terminate this Agreement at any time")
        for n in notes
    )
    assert len(_units(_exported_all(cli, montenegro, tmp_path))) == 77


def _exported_all(cli, spec: Path, folder: Path) -> Path:
    target = folder / "all.xlf"
    assert cli("translate", "export", spec, "--all", "-o", target).exit_code == 0
    return target


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda text: text[:700], ": broken XML: Premature end of data"),
        (
            lambda text: text.replace('original="montenegro.toml"', 'original="bulgaria.toml"'),
            ":3: this file was exported from 'bulgaria.toml', not 'montenegro.toml'",
        ),
        (
            lambda text: text.replace('id="custom.eu_integration"', 'id="custom.elsewhere"'),
            "unknown clause id 'custom.elsewhere'",
        ),
        (
            lambda text: text.replace("towards a sustainable force", "towards a force"),
            "defence.future_force: its English changed since this file was exported",
        ),
        (
            lambda text: text.replace("{partner_name} разом", "{partner_name:genitive} разом"),
            "unknown format ':genitive' (known:",
        ),
        (
            lambda text: text.replace("{partner_name} разом", "Чорногорія разом"),
            "the placeholders differ from the English's: missing {partner_name}",
        ),
        (lambda text: text.replace("НАТО, зокрема шляхом", "НАТО.\n- зокрема шляхом"), "the English has 3 blocks"),
        (
            lambda text: text.replace("<xliff ", '<!DOCTYPE xliff [<!ENTITY e "x">]>\n<xliff ', 1),
            ":1: refused: the file declares a DTD",
        ),
        (lambda text: "<martif><text/></martif>", "not an XLIFF file: its root element is <martif>"),
    ],
)
def test_a_bad_translation_file_is_refused_whole_and_nothing_is_written(
    cli, montenegro: Path, tmp_path: Path, damage, message: str
) -> None:
    exported = tmp_path / "round5.xlf"
    cli("translate", "export", montenegro, "-o", exported)
    translated = tmp_path / "round5.uk.xlf"
    _translate(exported, translated, {"defence.future_force": FUTURE_FORCE_UK, "custom.eu_integration": EU_UK})
    broken = tmp_path / "broken.xlf"
    broken.write_text(damage(translated.read_text(encoding="utf-8")), encoding="utf-8")
    before = montenegro.read_bytes()
    result = cli("translate", "import", montenegro, broken)
    assert result.exit_code == 2
    assert message in result.output and str(broken) in result.output
    assert "Traceback" not in result.output
    assert montenegro.read_bytes() == before


def test_untranslated_units_are_left_alone(cli, montenegro: Path, tmp_path: Path) -> None:
    exported = tmp_path / "round5.xlf"
    cli("translate", "export", montenegro, "-o", exported)
    before = dumps_spec(load_spec(montenegro).spec)
    result = cli("translate", "import", montenegro, exported)  # sent back as it went out
    assert result.exit_code == 0 and "nothing changed" in result.output and "2 unit(s)" in result.output
    assert dumps_spec(load_spec(montenegro).spec) == before


def test_the_output_of_an_export_is_checked_first(cli, montenegro: Path, tmp_path: Path) -> None:
    assert (
        "expected a .xlf or .xliff file name"
        in cli("translate", "export", montenegro, "-o", tmp_path / "x.docx").output
    )
    existing = tmp_path / "x.xlf"
    existing.write_text("keep me")
    result = cli("translate", "export", montenegro, "-o", existing)
    assert result.exit_code == 2 and existing.read_text() == "keep me"


def test_the_termbase_exports_as_tbx_with_forbidden_terms_deprecated(cli, tmp_path: Path, library) -> None:
    target = tmp_path / "terms.tbx"
    result = cli("translate", "termbase", "-o", target)
    assert result.exit_code == 0, result.output
    root = etree.parse(str(target)).getroot()
    entries = {entry.get("id"): entry for entry in root.iter("termEntry")}
    assert len(entries) == len(library.terms.terms) + len(library.terms.forbidden) + len(library.terms.treaty)
    commitments = entries["commitments"]
    status = {tig.findtext("term"): tig.findtext(TBX_STATUS) for tig in commitments.iter("tig")}
    assert status["зобов'язання"] == "preferredTerm-admn-sts"
    assert status["відданість"] == "admittedTerm-admn-sts"
    assert status["гарантія"] == status["запевнення"] == "deprecatedTerm-admn-sts"
    assert status["commitments"] is None  # English forms carry no status
    forbidden = [e for key, e in entries.items() if key.startswith("forbidden-")]
    assert {tig.findtext("term") for e in forbidden for tig in e.iter("tig")} >= {"assurance", "запевнення"}
    assert all(tig.findtext(TBX_STATUS) == "deprecatedTerm-admn-sts" for e in forbidden for tig in e.iter("tig"))
    from translate.storage.tbx import tbxfile

    store = tbxfile.parsestring(target.read_bytes())
    unit = next(u for u in store.units if u.getid() == "commitments")
    assert [t.deprecated for t in unit.get_target_terms("uk")] == [False, False, True, True]


def test_library_show_and_terms_in_both_languages(cli) -> None:
    shown = cli("library", "show", "final.duration")
    assert shown.exit_code == 0
    assert "This Agreement will remain valid" in shown.output and "Ця Угода залишатиметься чинною" in shown.output
    assert "{duration_years:words_gen}" in shown.output
    only_uk = cli("library", "show", "final.duration", "--lang", "uk")
    assert "Ця Угода" in only_uk.output and "This Agreement will remain" not in only_uk.output
    terms = cli("library", "terms")
    assert terms.exit_code == 0 and "зобов'язання" in terms.output and "запевнення" in terms.output
