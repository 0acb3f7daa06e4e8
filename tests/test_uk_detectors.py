"""The Ukrainian detectors (bsa_drafter/detectors/uk/): a Ukrainian text gives the same features
as its English original, the language detection routes to them, and `analyze` reads a Ukrainian
file end to end. The wording itself is tested by the case files (tests/detector_cases/uk/)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as WordDocument

from bsa_drafter.assemble import assemble
from bsa_drafter.detectors import (
    chapter_of,
    detectors_for,
    extract_features,
    feature_specs,
    language_of,
    normalise,
    sentence_spans,
)
from bsa_drafter.detectors.text import rx
from bsa_drafter.detectors.uk._words import NUM_WORD, compound_number, parse_number
from bsa_drafter.ingest import read_document
from bsa_drafter.models import ClauseChoice, Document, Language, Library, Paragraph
from bsa_drafter.reading.structure import agreement_shape
from bsa_drafter.spec import new_spec
from bsa_drafter.ukrainian import numeral_words

# the features a language's own detectors read (not wording drift or the cross-language checks,
# which compare our draft's two texts rather than read one of them); brackets and placeholders
# hold in both texts
READ_FEATURES = [
    spec.name
    for detector in detectors_for("uk")
    if type(detector).__module__.startswith(("bsa_drafter.detectors.uk.", "bsa_drafter.detectors.marks"))
    for spec in detector.features
]


def _document(text: str, language: str = "uk") -> Document:
    return Document("test", [Paragraph(0, text)], language=Language(language, 1.0, "given"))


def _differences(english: dict, ukrainian: dict) -> dict:
    return {
        name: (english[name].value, ukrainian[name].value)
        for name in READ_FEATURES
        if english[name].value != ukrainian[name].value
    }


# --- the registry and the routing ------------------------------------------------------------------


def test_the_ukrainian_detectors_declare_the_english_features_with_the_same_meanings() -> None:
    def declared(language: str) -> list:
        return [spec for detector in detectors_for(language) for spec in detector.features]

    assert declared("uk") == declared("en")  # the same names, kinds and meanings, in the same order
    base = {"unilateral_exit", "nato_support", "nato_status_clause", "consultation_24h", "reciprocity"}
    assert base | {"duration_years", "money_pledge", "qualifiers"} <= set(READ_FEATURES)
    assert all(name in feature_specs() for name in READ_FEATURES)


def test_a_ukrainian_text_is_routed_to_the_ukrainian_detectors(tmp_path: Path) -> None:
    path = tmp_path / "uk.txt"
    path.write_text("Кожен з Учасників може припинити дію цієї Угоди письмовим повідомленням.\n", encoding="utf-8")
    document = read_document(path)
    assert document.language.code == "uk" and language_of(document) == "uk"
    assert extract_features(document)["unilateral_exit"].value == "yes"
    # the routing is by the language alone: the English detectors read nothing in this text
    assert extract_features(_document(document.paragraphs[0].text, "en"))["unilateral_exit"].value == "no"


def test_the_ukrainian_patterns_compile_only_when_first_used() -> None:
    code = (
        "import bsa_drafter.detectors as d, sys; d.feature_specs(); "
        "from bsa_drafter.detectors.text import Pattern; "
        "mods = [m for n, m in sys.modules.items() if n.startswith('bsa_drafter.detectors.uk.')]; "
        "pats = [v for m in mods for v in vars(m).values() if isinstance(v, Pattern)]; "
        "print(len(mods), len(pats), sum(p._compiled is not None for p in pats))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    modules, patterns, compiled = map(int, result.stdout.split())
    assert modules >= 10 and patterns >= 50 and compiled == 0, result.stderr


# --- Ukrainian words --------------------------------------------------------------------------------


def test_every_form_of_every_number_is_matched_and_read() -> None:
    pattern = rx(rf"^{NUM_WORD}$")
    forms = numeral_words()
    assert len(forms) > 150
    assert [form for form in forms if not pattern.search(form)] == []
    assert all(parse_number(form) == value for form, (value, _) in forms.items())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("шести (6)", 6),
        ("6 (шість)", 6),
        ("двадцяти чотирьох", 24),
        ("24-х", 24),
        ("сімдесяти двох (72)", 72),
        ("через шість", 6),
        ("дев'яносто", 90),
        ("сто двадцять п'ять", 125),
        ("шістьома", 6),
        ("кількох", None),
    ],
)
def test_numbers_in_words_figures_and_both(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("first", "value"), [("шести", 6), ("десяти", 10), ("дво", 2), ("три", 3), ("двадцятип'яти", 25), ("багато", None)]
)
def test_the_number_at_the_front_of_a_compound_adjective(first: str, value: int | None) -> None:
    assert compound_number(first) == value


def test_all_three_apostrophes_read_alike() -> None:
    texts = [f"Кожен з Учасників може припинити дію цієї Угоди за п{mark}ять місяців." for mark in "'’ʼ"]
    assert len({normalise(text) for text in texts}) == 1
    values = []
    for text in texts:
        features = extract_features(_document(text))
        values.append((features["unilateral_exit"].value, features["notice_months"].value))
    assert values == [("yes", 5)] * 3


def test_ukrainian_abbreviations_do_not_end_a_sentence() -> None:
    text = "Партнер спрямує 1,2 млрд дол. США на потреби ППО. Україна звітуватиме щороку."
    assert len(sentence_spans(text)) == 2
    assert len(sentence_spans("Учасники зустрінуться впродовж 24 год. з моменту звернення.")) == 1


@pytest.mark.parametrize(
    ("heading", "chapter"),
    [
        ("Частина VIII. Співробітництво у разі майбутнього збройного нападу", "attack"),
        ("Частина IX. Прикінцеві положення / Строк дії", "final"),
        ("Частина II. Оборона та безпека / Оборонне та військове співробітництво", "defence"),
        ("Кібербезпека", "civil"),
        ("Інклюзивні реформи", "reform"),
        ("Частина I. Вступ", "introduction"),
        ("Членство в НАТО", "other"),
    ],
)
def test_chapters_are_read_from_ukrainian_headings(heading: str, chapter: str) -> None:
    assert chapter_of(heading) == chapter


# --- the same features from the English and the Ukrainian of our library ---------------------------


def _standard(library: Library, partner: str):
    return new_spec(library, partner, date=dt.date(2026, 11, 20))


def test_every_variant_gives_the_same_features_in_both_languages_for_every_partner(library: Library) -> None:
    """Each variant of each clause chosen on its own in a standard draft, for every partner whose
    Ukrainian case forms are known (a partner without them has placeholders in its Ukrainian)."""
    different = {}
    for partner in (known.name for known in library.partners.values()):
        base = _standard(library, partner)
        profile = library.profile_for(base).clauses
        choices = [(None, None)] + [
            (clause_id, variant.id)
            for clause_id, clause in library.clauses.items()
            for variant in clause.variants
            # the variant a standard draft has already is the standard draft, checked first
            if not (clause_id in profile and variant.id == library.standard_variant(base, clause_id))
        ]
        chosen = {clause_id for clause_id, _ in choices[1:]}
        assert chosen == {c for c, clause in library.clauses.items() if c not in profile or len(clause.variants) > 1}
        for clause_id, variant in choices:
            spec = base.model_copy(deep=True)
            if clause_id:
                spec.clauses[clause_id] = ClauseChoice(variant=variant)
            draft = assemble(spec, library)
            found = _differences(extract_features(draft.document), extract_features(draft.document_uk))
            if found:
                different[f"{partner}: {clause_id}={variant}"] = found
    assert different == {}


def _parameter_cases(library: Library):
    yield from (({"final.termination": "notice_period"}, {"notice_months": m}) for m in range(1, 37))
    yield from (({"final.duration": "fixed"}, {"duration_years": y}) for y in range(1, 51))
    for years, review in itertools.product((5, 10, 15, 20, 25), range(1, 11)):
        yield {"final.duration": "fixed_with_review"}, {"duration_years": years, "review_after_years": review}
    for years, months in itertools.product((10, 12), range(1, 25)):
        yield {"final.duration": "fixed_with_extension"}, {"duration_years": years, "extension_notice_months": months}
    currencies = library.params["pledge_currency"].choices
    amounts = (1, 2.5, 75, 500, 1.25, 977, 3020)
    for amount, scale, currency, kind in itertools.product(
        amounts, ("million", "billion"), currencies, ("yearly_amount", "multi_year")
    ):
        yield {"defence.pledge": kind}, {"pledge_amount": amount, "pledge_scale": scale, "pledge_currency": currency}
    for share in (0.1, 0.25, 0.5, 1, 1.5, 2):
        yield {"defence.pledge": "gdp_share"}, {"gdp_share_percent": share}
    for exit_variant, pledge, assistance in itertools.product(
        ("no_exit", "soft_inform", "three_months", "at_any_time"),
        ("subject_to_appropriation", "gdp_share"),
        ("as_appropriate", "within_means", "standard"),
    ):
        choices = {"final.termination": exit_variant, "defence.pledge": pledge, "attack.assistance": assistance}
        yield {**choices, "intro.nato_membership": "pathway_only"}, {}


def test_numbers_periods_and_amounts_give_the_same_features_in_both_languages(library: Library) -> None:
    """Notice periods of 1-36 months, terms of 1-50 years with and without review and extension,
    pledges in every currency and scale, shares of GDP, and drafts without exit, NATO support or
    firm money, with qualifiers."""
    base = _standard(library, "Bulgaria")
    different = {}
    for choices, params in _parameter_cases(library):
        spec = base.model_copy(deep=True)
        for clause_id, variant in choices.items():
            spec.clauses[clause_id] = ClauseChoice(variant=variant)
        spec.params.update(params)
        draft = assemble(spec, library)
        english, ukrainian = extract_features(draft.document), extract_features(draft.document_uk)
        found = _differences(english, ukrainian)
        if found:
            different[f"{choices} {params}"] = found
    assert different == {}
    # the sweep is not idle: its drafts carry the values it varies
    spec = base.model_copy(deep=True)
    spec.clauses["final.termination"] = ClauseChoice(variant="notice_period")
    spec.params["notice_months"] = 9
    ukrainian = extract_features(assemble(spec, library).document_uk)
    assert (ukrainian["unilateral_exit"].value, ukrainian["notice_months"].value) == ("yes", 9)


def test_the_ukrainian_draft_keeps_the_paragraphs_and_chapters_of_the_english(library: Library) -> None:
    draft = assemble(_standard(library, "Montenegro"), library)
    english, ukrainian = draft.document.paragraphs, draft.document_uk.paragraphs
    assert [(p.index, p.kind, p.clause) for p in english] == [(p.index, p.kind, p.clause) for p in ukrainian]
    assert [chapter_of(p.heading) for p in english] == [chapter_of(p.heading) for p in ukrainian]
    consultation = next(p for p in ukrainian if p.clause == "attack.consultation")
    assert consultation.heading.startswith("Частина VIII") and "протягом 24 годин" in consultation.text


# --- the same features from an English agreement and our Ukrainian version of it ---------------------

PAIRS = {
    "firm": (
        """Agreement on Security Co-operation between Ukraine and the Kingdom of Norland

Part I. Introduction

The Participants affirm that Ukraine's future lies in NATO. The commitments in this Agreement are
not a substitute for Ukraine's membership of NATO.

Part II. Defence and Security

In 2025, Norland will provide Ukraine with military support of EUR 1.5 billion.

Norland will, as appropriate, provide training to the Armed Forces of Ukraine.

The Participants will work so that Ukraine is able to give Norland effective help, should Norland
become the victim of an armed attack.

Part III. Co-operation if Ukraine is attacked

In the event of a future armed attack or a significant escalation, the Participants will, at the
request of either of them, hold consultations within 24 hours.

The Participants may amend this Part to align it with any future mechanism that Ukraine agrees with
its other partners.

Part IV. Final provisions

This Agreement will remain valid for ten (10) years from its signature. The Participants will review
its implementation after three (3) years.

Should Ukraine become a member of NATO before this Agreement expires, the Participants will decide
on the future status of this Agreement.

Either Participant may terminate this Agreement by written notice to the other Participant. The
termination will take effect six (6) months after the notice is received.
""",
        """Угода про співробітництво у сфері безпеки між Україною та Королівством Норланд

Частина I. Вступ

Учасники підтверджують, що майбутнє України — у НАТО. Зобов'язання за цією Угодою не є заміною
членства України в НАТО.

Частина II. Оборона та безпека

У 2025 році Норланд надасть Україні військову підтримку на суму 1,5 млрд євро.

Норланд у відповідних випадках здійснюватиме підготовку військовослужбовців Збройних Сил України.

Учасники працюватимуть над тим, щоб Україна мала змогу надати Норланду ефективну допомогу в разі
збройного нападу на нього.

Частина III. Співробітництво у разі майбутнього збройного нападу

У разі майбутнього збройного нападу або значної ескалації Учасники на прохання будь-якого з них
проведуть консультації протягом 24 годин.

Учасники можуть внести зміни до цієї Частини з метою її узгодження з будь-яким майбутнім механізмом,
який Україна погодить з іншими партнерами.

Частина IV. Прикінцеві положення

Ця Угода залишатиметься чинною протягом десяти (10) років з дати її підписання. Учасники проведуть
огляд її виконання через три (3) роки.

Якщо Україна стане членом НАТО до закінчення строку дії цієї Угоди, Учасники ухвалять рішення щодо
майбутнього статусу цієї Угоди.

Кожен з Учасників може припинити дію цієї Угоди шляхом надіслання письмового повідомлення іншому
Учаснику. Припинення набуде чинності через шість (6) місяців після отримання повідомлення.
""",
    ),
    "guarded": (
        """Agreement on Security Co-operation between Ukraine and the Republic of Westria

Part I. Introduction

Westria supports Ukraine's irreversible path to full Euro-Atlantic integration, including membership of NATO.

Part II. Defence

For the years 2025 to 2027, Westria will provide Ukraine with military support totalling EUR 3
billion, subject to parliamentary approval.

Westria will, within its means and capabilities, supply air defence systems to Ukraine and, where
possible, spare parts.

The Participants share a policy of working together to deter any aggression directed against either
Participant.

These assurances reflect the commitment of Westria to the security of Ukraine.

Part III. Future armed attack

In the event of a future armed attack on Ukraine, the Participants will consult within 48 hours.

Part IV. Final provisions

This Agreement will remain in effect until the Participants decide otherwise.

This Agreement may be terminated only by mutual consent of the Participants.

[The Participants will hold an annual meeting of their defence ministers.]
""",
        """Угода про співробітництво у сфері безпеки між Україною та Республікою Вестрія

Частина I. Вступ

Вестрія підтримує незворотний шлях України до повної євроатлантичної інтеграції, включно з членством у НАТО.

Частина II. Оборона

У 2025–2027 роках Вестрія надасть Україні військову підтримку на загальну суму 3 млрд євро за умови
схвалення парламентом.

Вестрія в межах своїх можливостей і спроможностей постачатиме Україні системи протиповітряної
оборони, а також, за можливості, запасні частини.

Учасники дотримуються спільної політики, яка передбачає їхню співпрацю в стримуванні будь-якої
агресії проти будь-якого з Учасників.

Ці запевнення відображають відданість Вестрії безпеці України.

Частина III. Майбутній збройний напад

У разі майбутнього збройного нападу на Україну Учасники проведуть консультації протягом 48 годин.

Частина IV. Прикінцеві положення

Ця Угода залишатиметься чинною, доки Учасники не ухвалять іншого рішення.

Дія цієї Угоди може бути припинена лише за взаємною згодою Учасників.

[Учасники проводитимуть щорічну зустріч міністрів оборони.]
""",
    ),
    "soft": (
        """Agreement on Security Co-operation between Ukraine and the Republic of Eastland

Part I. Introduction

This Agreement is without prejudice to Ukraine's path towards membership of the Euro-Atlantic community.

Part II. Defence

Each year, Eastland will allocate to military support for Ukraine not less than 0.25% of its gross
domestic product.

Eastland will keep supporting Ukraine for as long as necessary.

Part III. Future armed attack

Should a future armed attack on Ukraine occur, the Participants will consult promptly on the next steps.

Part IV. Final provisions

This Agreement takes effect on the date of its signature.

Should either Participant consider ending its participation in this Agreement, it will inform the
other Participant of its intention to terminate, preferably three (3) months in advance.

Done at ___ on 1 March 2025.
""",
        """Угода про співробітництво у сфері безпеки між Україною та Республікою Істленд

Частина I. Вступ

Ця Угода не зачіпає шляху України до членства в євроатлантичній спільноті.

Частина II. Оборона

Щороку Істленд спрямовуватиме на військову підтримку України не менше ніж 0,25 % свого валового
внутрішнього продукту.

Істленд і надалі підтримуватиме Україну стільки, скільки буде необхідно.

Частина III. Майбутній збройний напад

У разі майбутнього збройного нападу на Україну Учасники оперативно проведуть консультації щодо
подальших кроків.

Частина IV. Прикінцеві положення

Ця Угода набуває чинності з дати її підписання.

Якщо будь-який з Учасників розглядатиме можливість припинення своєї участі в цій Угоді, він
повідомить іншого Учасника про свій намір припинити дію Угоди, бажано за три (3) місяці.

Вчинено в ___ 1 березня 2025 року.
""",
    ),
}
# what the pairs are meant to show, so that two texts equally misread cannot pass
EXPECTED = {
    "firm": {
        "unilateral_exit": "yes",
        "notice_months": 6,
        "nato_support": True,
        "nato_status_clause": True,
        "consultation_24h": True,
        "escalation_trigger": True,
        "alignment_mechanism": True,
        "reciprocity": True,
        "duration_years": 10,
        "review_clause": True,
        "money_pledge": "amount",
        "money_amount": 1.5e9,
        "qualifiers": 1,
    },
    "guarded": {
        "unilateral_exit": "no",
        "nato_support": True,
        "consultation_24h": False,
        "consultation_hours": 48,
        "reciprocity": True,
        "duration_years": None,
        "open_ended": True,
        "money_pledge": "multi_year",
        "money_conditional": True,
        "qualifiers": 2,
        "assurances": 1,
        "brackets": 1,
    },
    "soft": {
        "unilateral_exit": "soft",
        "notice_months": 3,
        "nato_support": False,
        "consultation_24h": False,
        "consultation_hours": None,
        "money_pledge": "gdp_share",
        "duration_years": None,
        "qualifiers": 0,
        "placeholders": 1,
        "nato_status_clause": False,
    },
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_an_english_agreement_and_its_ukrainian_version_give_the_same_features(name: str, tmp_path: Path) -> None:
    english_text, ukrainian_text = PAIRS[name]
    (tmp_path / "en.txt").write_text(english_text, encoding="utf-8")
    (tmp_path / "uk.txt").write_text(ukrainian_text, encoding="utf-8")
    english, ukrainian = read_document(tmp_path / "en.txt"), read_document(tmp_path / "uk.txt")
    assert (english.language.code, ukrainian.language.code) == ("en", "uk")
    assert [p.heading for p in ukrainian.paragraphs if p.kind == "heading" and p.level == 1][0] == "Частина I. Вступ"
    english_features, ukrainian_features = extract_features(english), extract_features(ukrainian)
    assert _differences(english_features, ukrainian_features) == {}
    assert {key: ukrainian_features[key].value for key in EXPECTED[name]} == EXPECTED[name]


def test_a_ukrainian_agreement_looks_like_one_agreement(tmp_path: Path) -> None:
    (tmp_path / "uk.txt").write_text(PAIRS["firm"][1], encoding="utf-8")
    assert agreement_shape(read_document(tmp_path / "uk.txt"), ["Norland"]) == []


# --- analyze, end to end ------------------------------------------------------------------------------


def _docx(path: Path, text: str) -> Path:
    """A Word file of the text: the title in the Title style, Parts as headings, paragraphs."""
    document = WordDocument()
    for number, block in enumerate(" ".join(lines.split()) for lines in text.strip().split("\n\n")):
        if number == 0:
            document.add_paragraph(block, style="Title")
        elif block.startswith("Частина"):
            document.add_heading(block, level=1)
        else:
            document.add_paragraph(block)
    document.save(path)
    return path


def test_analyze_of_a_ukrainian_docx_gives_features_and_findings(cli, tmp_path: Path) -> None:
    path = _docx(tmp_path / "theirs.docx", PAIRS["soft"][1])
    result = cli("analyze", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["language"]["code"] == "uk"
    assert payload["features"]["unilateral_exit"]["value"] == "soft"
    assert payload["features"]["unilateral_exit"]["notice_months"] == 3
    assert payload["features"]["money_pledge"]["value"] == "gdp_share"
    rules = {finding["rule"] for finding in payload["findings"]}
    assert {"soft-exit", "nato-bridge-missing", "consultation-24h-missing", "unfilled-placeholder"} <= rules
    assert "language" not in rules and "not-one-agreement" not in rules
    soft = next(f for f in payload["findings"] if f["rule"] == "soft-exit")
    assert "повідомить іншого Учасника про свій намір припинити дію Угоди" in soft["evidence"]


def test_explain_a_ukrainian_feature_in_english_quoting_the_ukrainian(cli, tmp_path: Path) -> None:
    path = tmp_path / "theirs.txt"
    path.write_text(PAIRS["soft"][1], encoding="utf-8")
    result = cli("analyze", path, "--explain", "consultation_24h")
    assert result.exit_code == 0, result.stderr
    output = " ".join(result.stdout.split())
    assert "consultation_24h = False" in output and "Closest sentences considered" in output
    assert "a consultation after an attack without a deadline" in output
    assert "Учасники оперативно проведуть консультації щодо подальших кроків" in output
    payload = json.loads(cli("analyze", path, "--explain", "nato_support", "--format", "json").stdout)
    assert payload["value"] is False and payload["occurrences"] == []
