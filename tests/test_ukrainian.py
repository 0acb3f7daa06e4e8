"""Ukrainian grammar (bsa_drafter.ukrainian) and the Ukrainian rendering of clause texts."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import with_choice

from bsa_drafter.assemble import assemble
from bsa_drafter.bilingual import structure_difference
from bsa_drafter.errors import BadInput
from bsa_drafter.library import default_library_dir, load_library
from bsa_drafter.params import PLACEHOLDER, fill, ukrainian_values
from bsa_drafter.spec import new_spec
from bsa_drafter.ukrainian import cardinal, counted, format_date, format_decimal, preposition_in, read_cardinal


@pytest.mark.parametrize(
    ("n", "case", "gender", "words"),
    [
        (0, "nom", "m", "нуль"),
        (1, "nom", "f", "одна"),
        (1, "acc", "f", "одну"),
        (2, "nom", "f", "дві"),
        (2, "nom", "m", "два"),
        (6, "gen", "m", "шести"),
        (6, "ins", "m", "шістьма"),
        (7, "ins", "m", "сьома"),
        (8, "gen", "m", "восьми"),
        (10, "gen", "m", "десяти"),
        (11, "ins", "m", "одинадцятьма"),
        (21, "acc", "f", "двадцять одну"),
        (24, "gen", "f", "двадцяти чотирьох"),
        (24, "ins", "f", "двадцятьма чотирма"),
        (40, "gen", "m", "сорока"),
        (48, "loc", "f", "сорока восьми"),
        (50, "ins", "m", "п'ятдесятьма"),
        (90, "dat", "m", "дев'яноста"),
        (100, "ins", "m", "ста"),
        (245, "ins", "m", "двомастами сорока п'ятьма"),
        (301, "gen", "m", "трьохсот одного"),
        (999, "nom", "m", "дев'ятсот дев'яносто дев'ять"),
        (1000, "nom", "m", "одна тисяча"),
        (2024, "gen", "m", "двох тисяч двадцяти чотирьох"),
        (5000, "ins", "m", "п'ятьма тисячами"),
    ],
)
def test_cardinals_decline_in_every_case(n: int, case: str, gender: str, words: str) -> None:
    assert cardinal(n, case, gender) == words  # type: ignore[arg-type]


def test_cardinals_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError):
        cardinal(1_000_000)
    with pytest.raises(ValueError):
        cardinal(-1)


@pytest.mark.parametrize(
    ("n", "noun", "case", "form"),
    [
        (1, "years", "nom", "рік"),
        (2, "years", "nom", "роки"),
        (4, "months", "nom", "місяці"),
        (5, "years", "nom", "років"),
        (11, "months", "nom", "місяців"),
        (12, "years", "nom", "років"),
        (21, "years", "nom", "рік"),
        (22, "days", "nom", "дні"),
        (24, "hours", "nom", "години"),
        (25, "hours", "nom", "годин"),
        (1, "hours", "acc", "годину"),
        (1, "months", "gen", "місяця"),
        (6, "months", "gen", "місяців"),
        (21, "years", "gen", "року"),
        (11, "years", "gen", "років"),
        (24, "hours", "gen", "годин"),
        (3, "years", "ins", "роками"),
        (1, "days", "loc", "дні"),
    ],
)
def test_counted_nouns_agree_with_the_number(n: int, noun: str, case: str, form: str) -> None:
    assert counted(n, noun, case) == form  # type: ignore[arg-type]


def test_dates_decimals_and_the_preposition() -> None:
    assert format_date(dt.date(2026, 11, 10)) == "10 листопада 2026 року"
    assert format_date(dt.date(2023, 7, 12)) == "12 липня 2023 року"
    assert format_decimal(2.5) == "2,5"
    assert format_decimal(0.25) == "0,25"
    assert format_decimal(1500) == "1\u00a0500"
    assert format_decimal(1234567.75) == "1\u00a0234\u00a0567,75"
    assert preposition_in("Вчинено ", "Анкарі") == "в"  # after a vowel, before a vowel
    assert preposition_in("Вчинено ", "Софії") == "в"  # after a vowel, before a consonant
    assert preposition_in("Вчинено ", "Відні") == "у"  # before в
    assert preposition_in("Вчинено ", "Львові") == "у"  # before льв
    assert preposition_in("зустріч ", "Софії") == "у"  # between consonants
    assert preposition_in("", "Анкарі") == "В"  # a sentence begins
    assert preposition_in("Так. ", "Софії") == "У"


def test_numbers_in_words_are_read_back() -> None:
    assert read_cardinal("двадцяти чотирьох годин".split()) == (24, 2)
    assert read_cardinal("ста двадцяти п'яти років".split()) == (125, 3)
    assert read_cardinal("двох тисяч двадцяти".split()) == (2020, 3)
    assert read_cardinal("шістьма місяцями".split()) == (6, 1)
    assert read_cardinal("п'ять шість".split()) == (5, 1)  # two numbers, not one
    assert read_cardinal("двадцять одинадцять".split()) == (20, 1)
    assert read_cardinal(["році"]) is None
    for n in (0, 1, 2, 7, 19, 40, 90, 101, 999, 1001, 24_024, 999_999):
        for case in ("nom", "gen", "dat", "acc", "ins", "loc"):
            for gender in ("m", "f", "n"):
                words = cardinal(n, case, gender).split()  # type: ignore[arg-type]
                assert read_cardinal(words) == (n, len(words)), (n, case, gender)


# --- rendering clause texts ---------------------------------------------------------------------


def _render(library, text: str, **params: object) -> str:
    spec = new_spec(library, "North Macedonia", date=dt.date(2026, 11, 20))
    spec.params.update(params)
    draft = assemble(spec, library)
    filled = fill(text, library.params, draft.values_uk, "uk")
    assert filled.problems == []
    return filled.text


def test_placeholders_render_in_the_cases_and_numbers_the_text_asks_for(library) -> None:
    assert (
        _render(library, "між Україною та {partner_formal_name:ins}")
        == "між Україною та Республікою Північна Македонія"
    )
    assert _render(library, "Уряд {partner_name:gen}") == "Уряд Північної Македонії"
    assert _render(library, "Вчинено {place_of_signature:in}") == "Вчинено в Скоп'є"
    assert _render(library, "{partner_language:ins} мовою") == "македонською мовою"
    text = "протягом {notice_months:words_gen} ({notice_months}) {notice_months:months_gen}"
    assert _render(library, text) == "протягом шести (6) місяців"
    assert _render(library, text, notice_months=1) == "протягом одного (1) місяця"
    text = "на {duration_years:words} ({duration_years}) {duration_years:years}"
    assert _render(library, text, duration_years=21) == "на двадцять один (21) рік"
    assert _render(library, text, duration_years=3) == "на три (3) роки"
    # the numeral agrees with the noun it counts, found after it in the same sentence
    hours = "{notice_months:words} ({notice_months}) {notice_months:hours}"
    assert _render(library, hours, notice_months=2) == "дві (2) години"
    assert _render(library, hours, notice_months=21) == "двадцять одна (21) година"
    within = "за {notice_months:words_acc} ({notice_months}) {notice_months:hours_acc}"
    assert _render(library, within, notice_months=21) == "за двадцять одну (21) годину"
    assert _render(library, "{pledge_amount} {pledge_scale} {pledge_currency}", pledge_amount=2.5) == "2,5 млн EUR"
    assert _render(library, "{pledge_scale}", pledge_scale="billion") == "млрд"
    assert _render(library, "{gdp_share_percent} %") == "0,25 %"
    assert _render(library, "{date_of_signature}", date_of_signature=dt.date(2026, 11, 10)) == "10 листопада 2026 року"


def test_free_text_takes_its_ukrainian_counterpart_and_unset_ones_show_ukrainian_brackets(library) -> None:
    assert _render(library, "({existing_framework})") == "([назва та дата чинної двосторонньої угоди])"
    assert (
        _render(library, "({existing_framework})", existing_framework="Treaty of 1995")
        == "([назва та дата чинної двосторонньої угоди])"
    )
    typed = _render(
        library,
        "({existing_framework})",
        existing_framework="Treaty of 1995",
        existing_framework_uk="Договір 1995 року",
    )
    assert typed == "(Договір 1995 року)"
    assert _render(library, "{ukraine_signatory_title}") == "Президент України"
    # a changed English title must not keep a Ukrainian default that says otherwise
    assert (
        _render(library, "{ukraine_signatory_title}", ukraine_signatory_title="Prime Minister of Ukraine") == "[посада]"
    )


def test_a_partner_not_in_the_table_uses_its_ukrainian_name_in_the_nominative(library) -> None:
    spec = new_spec(library, "Iceland", date=dt.date(2026, 11, 20))
    unset = assemble(spec, library)
    assert "[офіційна назва партнера]" in unset.title_uk
    spec.params.update({"partner_name_uk": "Ісландія", "partner_formal_name_uk": "Республіка Ісландія"})
    draft = assemble(spec, library)
    assert draft.title_uk.endswith("між Україною та Республіка Ісландія")
    filled = fill("Уряд {partner_name:gen} і {partner_name}", library.params, draft.values_uk, "uk")
    assert filled.text == "Уряд Ісландія і Ісландія"
    assert filled.nominative_only == ["{partner_name:gen}"]
    clauses_in_nominative = [c for c in draft.clauses if c.nominative_only]
    assert clauses_in_nominative and all("{" in p for c in clauses_in_nominative for p in c.nominative_only)


def test_title_banner_and_signature_block_in_both_languages(library) -> None:
    spec = new_spec(library, "Bulgaria", date=dt.date(2026, 11, 5))
    draft = assemble(spec, library)
    assert draft.title_uk == "Угода про співробітництво у сфері безпеки між Україною та Республікою Болгарія"
    assert draft.banner("uk") == "ПРОЄКТ \u2014 Раунд 1 \u2014 5 листопада 2026 року"
    assert draft.banner("en") == "DRAFT \u2014 Round 1 \u2014 5 November 2026"
    block = draft.signature_block("uk")
    assert [side["heading"] for side in block] == ["За Україну", "За Республіку Болгарія"]
    assert block[0]["title"] == "Президент України" and block[1]["name"] == "[ім'я]"
    assert [side["heading"] for side in draft.signature_block("en")] == ["For Ukraine", "For the Republic of Bulgaria"]
    spec.draft = spec.draft.model_copy(update={"status": "final"})
    assert assemble(spec, library).banner("uk") == ""


def test_every_placeholder_renders_in_ukrainian_for_every_partner(library) -> None:
    """No placeholder left, no unknown format, no English bracket, for every partner in the table."""
    latin_bracket = re.compile(r"\[[^\]]*[A-Za-z][^\]]*\]")
    for partner in library.partners.values():
        spec = new_spec(library, partner.name, date=dt.date(2026, 11, 20))
        spec.params.update({"date_of_signature": dt.date(2026, 11, 20), "pledge_amount": 25})
        draft = assemble(spec, library)
        values_uk = draft.values_uk
        assert values_uk["partner_name"]["gen"]
        for clause in library.clauses.values():
            for variant in clause.variants:
                filled = fill(variant.text_uk, library.params, values_uk, "uk")
                where = (partner.name, clause.id, variant.id)
                assert filled.problems == [] and filled.nominative_only == [], where
                assert not PLACEHOLDER.search(filled.text), where
                assert not latin_bracket.search(filled.text), where
                assert "{" not in filled.text and "}" not in filled.text, where


def test_every_variant_has_ukrainian_with_the_blocks_of_its_english(library) -> None:
    for clause in library.clauses.values():
        for variant in clause.variants:
            assert variant.text_uk.strip(), (clause.id, variant.id)
            assert structure_difference(variant.text, variant.text_uk) is None, (clause.id, variant.id)
            english = sorted({m.group(1) for m in PLACEHOLDER.finditer(variant.text)})
            ukrainian = sorted({m.group(1) for m in PLACEHOLDER.finditer(variant.text_uk)})
            assert english == ukrainian, (clause.id, variant.id)


def test_ukrainian_values_keep_numbers_and_take_names_from_the_table(library) -> None:
    spec = new_spec(library, "Türkiye", date=dt.date(2026, 11, 20))
    draft = assemble(spec, library)
    values = ukrainian_values(library.params, draft.values, library.partner_forms_uk("Türkiye"))
    assert values["notice_months"] == 6 and values["pledge_currency"] == "EUR"
    assert values["partner_formal_name"]["ins"] == "Турецькою Республікою"
    assert not any(name.endswith("_uk") for name in values)


def test_an_edited_ukrainian_text_shows_and_marks_the_clause_edited(library, standard_spec) -> None:
    spec = with_choice(
        standard_spec,
        "final.duration",
        text_uk="Ця Угода діє {duration_years:words} ({duration_years}) {duration_years:years}.",
    )
    clause = assemble(spec, library).clause("final.duration")
    assert clause.text_uk == "Ця Угода діє десять (10) років."
    assert clause.status == "edited" and clause.stale == "en"
    broken = with_choice(
        standard_spec, "final.duration", text_uk="{duration_years:months_dative} {existing_framework_uk}"
    )
    problems = assemble(broken, library).clause("final.duration").problems
    assert any("unknown format ':months_dative'" in p for p in problems)
    assert any(
        "unknown placeholder {existing_framework_uk}" in p and "write {existing_framework}" in p for p in problems
    )


# --- the library's checks of its Ukrainian ------------------------------------------------------


@pytest.fixture()
def library_copy(tmp_path: Path) -> Path:
    target = tmp_path / "clauses"
    shutil.copytree(default_library_dir(), target)
    return target


def _problems(root: Path) -> list[str]:
    with pytest.raises(BadInput) as caught:
        load_library(root)
    return [str(p) for p in caught.value.problems]


def test_the_library_refuses_ukrainian_that_breaks_the_english_structure_or_placeholders(library_copy: Path) -> None:
    final = library_copy / "09_final.toml"
    text = final.read_text(encoding="utf-8")
    text = text.replace(
        "{duration_years:words_gen} ({duration_years}) \\\n{duration_years:years_gen}",
        "{duration_years:words_genitive}",
        1,
    )
    text = text.replace("Уповноважені органи можуть укладати", "Уповноважені органи:\n- можуть укладати", 1)
    final.write_text(text, encoding="utf-8")
    problems = _problems(library_copy)
    assert any("final.duration variant 'fixed' text_uk: unknown format ':words_genitive'" in p for p in problems)
    assert any("final.technical_agreements variant 'standard' text_uk: the English has 1 block" in p for p in problems)
    assert all(p.startswith(str(final) + ":") for p in problems)


def test_the_library_refuses_a_placeholder_in_one_language_only(library_copy: Path) -> None:
    final = library_copy / "09_final.toml"
    text = final.read_text(encoding="utf-8").replace(
        'з дати її підписання."""', 'з дати її підписання у {place_of_signature:loc}."""', 1
    )
    final.write_text(text, encoding="utf-8")
    assert any("{place_of_signature} is in the Ukrainian only" in p for p in _problems(library_copy))


def test_the_termbase_is_loaded_and_checked(library, library_copy: Path) -> None:
    ids = [term.id for term in library.terms.terms]
    assert "commitments" in ids and len(ids) == len(set(ids))
    assert {f.lemma for f in library.terms.forbidden if f.lang == "uk"} >= {"запевнення", "гарантія"}
    terms = library_copy / "terms.toml"
    text = terms.read_text(encoding="utf-8")
    text = text.replace(
        'id = "sanctions"\nen = ["sanction", "sanctions"]', 'id = "sanctions"\nen = ["Sanction", "commitment"]', 1
    )
    terms.write_text(
        text + '\n[[terms]]\nid = "nato"\nen = ["north atlantic alliance"]\nuk = "НАТО"\n', encoding="utf-8"
    )
    problems = _problems(library_copy)
    assert any("English form 'Sanction' must be lower case" in p for p in problems)
    assert any("English form 'commitment' is already a form of term 'commitments'" in p for p in problems)
    assert any("duplicate term id 'nato'" in p for p in problems)


def test_each_clause_gives_its_blocks_side_by_side_numbered_alike(library) -> None:
    spec = new_spec(library, "Bulgaria", date=dt.date(2026, 11, 20))
    draft = assemble(spec, library)
    clause = draft.clause("intro.core_commitments")
    pairs = clause.blocks()
    assert [(en.kind, uk.kind) for en, uk in pairs] == [("paragraph", "paragraph")] + [("bullet", "bullet")] * (
        len(pairs) - 1
    )
    assert pairs[0][0].text.startswith("The security commitments") and pairs[0][1].text.startswith(
        "Безпекові зобов'язання"
    )
    edited = assemble(with_choice(spec, "final.duration", text_uk="Перший абзац.\n\nДругий абзац."), library).clause(
        "final.duration"
    )
    assert [(en is not None, uk is not None) for en, uk in edited.blocks()] == [(True, True), (False, True)]


def test_parts_and_subheadings_have_their_ukrainian(library) -> None:
    for part in library.parts.values():
        assert part.title_uk.strip(), part.id
    assert library.parts["defence"].heading_uk == "Частина II. Оборона та безпека"
    for clause in library.clauses.values():
        assert bool(clause.heading) == bool(clause.heading_uk), clause.id
    spec = new_spec(library, "Bulgaria", date=dt.date(2026, 11, 20))
    spec = with_choice(
        spec,
        "custom.liaison",
        part="security",
        heading="Liaison",
        heading_uk="Зв'язок",
        title="Liaison",
        text="Officers.",
    )
    draft = assemble(spec, library)
    headings = [(p.text, p.uk.text) for p in draft.document.paragraphs if p.kind == "heading"]
    assert ("Part III. Non-Military Security", "Частина III. Невійськова безпека") in headings
    assert ("Maritime security", "Морська безпека") in headings and ("Liaison", "Зв'язок") in headings


def test_a_subheading_has_one_ukrainian(library_copy: Path) -> None:
    final = library_copy / "09_final.toml"
    text = final.read_text(encoding="utf-8").replace(
        'heading_uk = "Строк дії Угоди"', 'heading_uk = "Термін дії Угоди"', 1
    )
    final.write_text(text, encoding="utf-8")
    assert any(
        "heading_uk 'Термін дії Угоди' differs from" in p or "differs from 'Термін дії Угоди'" in p
        for p in _problems(library_copy)
    )
