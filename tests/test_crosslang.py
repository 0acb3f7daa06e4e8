"""The cross-language checks: each clause's English beside its Ukrainian, and the termbase."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import with_choice

from bsa_drafter import morphology
from bsa_drafter.assemble import assemble
from bsa_drafter.bilingual import Marker
from bsa_drafter.crosslang import BILINGUAL_LIST_FEATURES, bilingual_hits
from bsa_drafter.crosslang.quantities import describe, quantities
from bsa_drafter.models import Document, Paragraph, UkrainianSide
from bsa_drafter.params import fill
from bsa_drafter.playbook import check_document, check_draft
from bsa_drafter.spec import new_spec


def _pair(library, english: str, ukrainian: str, *, stale=None, instrument="political") -> dict[str, list]:
    """The cross-language hits of one English/Ukrainian paragraph."""
    paragraph = Paragraph(0, english, "paragraph", clause="test.clause", uk=UkrainianSide(ukrainian, stale))
    document = Document("test", [paragraph], terms=library.terms, instrument=instrument)
    found = bilingual_hits(document)
    assert found is not None and set(found) == set(BILINGUAL_LIST_FEATURES)
    return found


def _values(hits: list) -> list[str]:
    return [str(hit.value) for hit in hits]


def _rules(spec, library) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in check_draft(assemble(spec, library)).findings:
        found.setdefault(finding.rule, []).append(finding)
    return found


@pytest.fixture()
def bilingual_spec(standard_spec):
    """The standard draft with every bracket filled in both languages."""
    copy = standard_spec.model_copy(deep=True)
    copy.params.update(
        pledge_amount=25,
        date_of_signature=dt.date(2026, 12, 1),
        ukraine_signatory_name="A. Name",
        ukraine_signatory_name_uk="А. Ім'я",
        partner_signatory_name="B. Name",
        partner_signatory_name_uk="Б. Ім'я",
        partner_signatory_title="Prime Minister",
        partner_signatory_title_uk="Прем'єр-міністр",
    )
    return copy


# --- the library and the examples ---------------------------------------------------------------


def test_the_library_ukrainian_agrees_with_its_english_and_its_termbase(library) -> None:
    """Every variant, for every partner: no difference, no broken term, no forbidden word."""
    for partner in library.partners.values():
        spec = new_spec(library, partner.name, date=dt.date(2026, 11, 20))
        spec.params.update({"date_of_signature": dt.date(2026, 11, 20), "pledge_amount": 25})
        draft = assemble(spec, library)
        for clause in library.clauses.values():
            for variant in clause.variants:
                english = fill(variant.text, library.params, draft.values).text
                ukrainian = fill(variant.text_uk, library.params, draft.values_uk, "uk").text
                hits = _pair(library, english, ukrainian)
                assert not any(hits.values()), (
                    partner.name,
                    clause.id,
                    variant.id,
                    {k: _values(v) for k, v in hits.items() if v},
                )


def test_the_library_headings_agree_with_the_termbase(library) -> None:
    pairs = {(c.heading, c.heading_uk) for c in library.clauses.values() if c.heading}
    pairs |= {(part.title, part.title_uk) for part in library.parts.values()}
    for english, ukrainian in sorted(pairs):
        hits = _pair(library, english, ukrainian)
        assert not any(hits.values()), (english, ukrainian, {k: _values(v) for k, v in hits.items() if v})


def test_a_standard_bilingual_draft_has_no_cross_language_findings(library, bilingual_spec) -> None:
    found = _rules(bilingual_spec, library)
    assert set(found) == {"unilateral-exit"}


def test_every_termbase_lemma_is_in_the_dictionary(library) -> None:
    for term in library.terms.terms:
        for phrase in (term.uk, *term.uk_also, *term.uk_forbidden, *(s.uk for s in term.senses)):
            for word in phrase.split():
                assert morphology.known(word), (term.id, word)
    for forbidden in library.terms.forbidden:
        if forbidden.lang == "uk":
            assert morphology.known(forbidden.lemma)
            assert morphology.forms_of(forbidden.lemma) >= {morphology.normal(f) for f in forbidden.forms}


# --- the done-when pair: a changed number, a forbidden term, a stale side -----------------------


def test_a_changed_number_a_forbidden_term_and_a_stale_side_each_raise_their_finding(library, bilingual_spec) -> None:
    variant = library.clauses["attack.consultation"].variant("measures")
    changed = variant.text_uk.replace("24", "48")
    # confirmed as matching, wrongly: the number still differs
    number = with_choice(
        bilingual_spec, "attack.consultation", text_uk=changed, confirmed=str(Marker.of(variant.text, changed))
    )
    finding = _rules(number, library)["language-versions-differ"][0]
    assert finding.message == "The language versions differ: 24 hours in the English, 48 hours in the Ukrainian"
    assert finding.clause == "attack.consultation" and finding.language == "uk" and "48" in finding.evidence
    assert finding.severity == "warning"  # a working draft; an error in a final one

    ukrainian = library.clauses["intro.core_commitments"].variant("standard").text_uk
    forbidden = with_choice(
        bilingual_spec,
        "intro.core_commitments",
        text_uk=ukrainian.replace("Безпекові зобов'язання", "Гарантії безпеки"),
    )
    found = _rules(forbidden, library)
    assert [f.message for f in found["forbidden-term-ukrainian"]] == [
        "The Ukrainian uses «Гарантії безпеки» (гарантія безпеки) for 'security commitments', "
        "which the termbase forbids"
    ]

    stale = with_choice(
        bilingual_spec,
        "final.duration",
        text="This Agreement will remain valid for twelve (12) years from its signature.",
    )
    found = _rules(stale, library)
    assert [f.clause for f in found["ukrainian-stale"]] == ["final.duration"]
    assert "they differ: 12 years in the English, 10 years in the Ukrainian" in found["ukrainian-stale"][0].evidence
    assert "language-versions-differ" not in found  # told once, in the stale finding


# --- term pairs and forbidden words --------------------------------------------------------------


def test_a_broken_term_pair_is_found_by_lemma_in_any_case(library) -> None:
    english = "The Participants reaffirm their commitments."
    assert not any(_pair(library, english, "Учасники підтверджують свої зобов'язання.").values())
    assert not any(
        _pair(library, english, "Учасникам відомі їхні зобов’язаннями.").values()
    )  # other forms, typographic apostrophe
    broken = _pair(library, english, "Учасники підтверджують свої обіцянки.")
    assert _values(broken["term_pairs_broken"]) == ["'commitments' → «зобов'язання»"]
    assert broken["term_pairs_broken"][0].evidence.language == "en"


def test_a_term_in_a_named_sense_takes_its_own_word(library) -> None:
    english = "sharing a commitment to democracy and the rule of law;"
    assert not any(_pair(library, english, "поділяючи відданість демократії та верховенству права;").values())
    broken = _pair(library, english, "поділяючи прихильність демократії та верховенству права;")
    assert _values(broken["term_pairs_broken"]) == ["'commitment' → «зобов'язання» or «відданість»"]
    # outside that sense the term needs «зобов'язання» even where «відданість» is there
    mixed = _pair(
        library,
        "a commitment to democracy and their commitments to Ukraine",
        "відданість демократії та їхні обіцянки Україні",
    )
    assert _values(mixed["term_pairs_broken"]) == ["'commitments' → «зобов'язання»"]


def test_forbidden_words_in_either_language(library) -> None:
    hits = _pair(library, "The Participants will provide guarantees.", "Учасники надаватимуть запевнення і гарантії.")
    assert _values(hits["forbidden_terms_en"]) == ["guarantee"]
    assert sorted(_values(hits["forbidden_terms_uk"])) == ["гарантія", "запевнення"]
    # where a guarantee is really meant, with the company the termbase names
    meant = _pair(
        library,
        "The Participants guarantee the protection of intellectual property.",
        "Учасники гарантують захист інтелектуальної власності.",
    )
    assert not meant["forbidden_terms_en"] and not meant["forbidden_terms_uk"]
    # a defined term's forbidden rendering counts only capitalised
    sides = _pair(
        library, "The Participants will assist each other.", "Учасники допомагатимуть один одному з обох сторін."
    )
    assert not any(sides.values())
    parties = _pair(library, "The Participants will assist each other.", "Сторони допомагатимуть одна одній.")
    assert _values(parties["forbidden_terms_uk"]) == ["«Сторони» (сторона) for 'Participants'"]
    assert not parties["treaty_vocabulary"]  # the same word is not reported twice


def test_assurances_are_reported_once_in_english(library, bilingual_spec) -> None:
    english = "Ukraine and {partner_name} recall the security assurances given to Ukraine and the guarantees it lacked."
    ukrainian = "Україна та {partner_name} нагадують про надані Україні безпекові зобов'язання."
    spec = with_choice(bilingual_spec, "preamble.just_peace", text=english, text_uk=ukrainian)
    found = _rules(spec, library)
    assert [f.message for f in found["forbidden-term-english"]] == [
        "The English uses 'guarantee', which the termbase forbids"
    ]
    assert [f.message for f in found["assurances-wording"]] == ["The word 'assurances' is used"]


# --- numbers, brackets, structure, treaty vocabulary ------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "within 24 hours", ["24 hours"]),
        ("uk", "протягом 24 годин", ["24 hours"]),
        ("en", "six (6) months after", ["6 months"]),
        ("uk", "через шість (6) місяців", ["6 months"]),
        ("uk", "протягом шести місяців", ["6 months"]),
        ("en", "for ten years", ["10 years"]),
        ("uk", "протягом десяти (10) років", ["10 years"]),
        ("en", "EUR 25 million in 2027", ["EUR 25 million", "2027"]),
        ("uk", "25 млн EUR у 2027 році", ["EUR 25 million", "2027"]),
        ("en", "USD 2.5 billion or 25 million euros", ["USD 2.5 billion", "EUR 25 million"]),
        ("uk", "2,5 млрд USD або 25 мільйонів євро", ["USD 2.5 billion", "EUR 25 million"]),
        ("en", "the G7 Joint Declaration of 12 July 2023", ["12 July 2023"]),
        ("uk", "Спільна декларація Групи семи від 12 липня 2023 року", ["12 July 2023"]),
        ("en", "0.25% of its GDP under Article 51, within its 1991 borders", ["0.25%", "51", "1991"]),
        ("uk", "0,25 % ВВП відповідно до статті 51, у кордонах 1991 року", ["0.25%", "51", "1991"]),
        ("uk", "у двох примірниках", []),
        ("uk", "двадцяти чотирьох годин", ["24 hours"]),
        ("en", "six (5) months", ["6 in words but 5 in figures", "5 months"]),
    ],
)
def test_quantities_are_read_alike_in_both_languages(language: str, text: str, expected: list[str]) -> None:
    described = [describe(q.key).replace(",", "") for q in quantities(text, language)]  # type: ignore[arg-type]
    assert described == expected


def test_numbers_months_and_amounts_that_differ_are_found_block_by_block(library) -> None:
    english = "The Participants will meet:\n- within 24 hours;\n- in July 2027, with EUR 25 million."
    same = "Учасники зустрінуться:\n- протягом 24 годин;\n- у липні 2027 року, маючи 25 млн EUR."
    assert not any(_pair(library, english, same).values())
    other = "Учасники зустрінуться:\n- протягом 24 годин;\n- у червні 2027 року, маючи 2,5 млн EUR."
    values = _values(_pair(library, english, other)["quantity_mismatches"])
    assert values == [
        "July 2027 in the English, June 2027 in the Ukrainian",
        "EUR 25 million in the English, EUR 2.5 million in the Ukrainian",
    ]
    # a number moved to another bullet is a difference too: the blocks are compared one by one
    moved = "Учасники зустрінуться протягом 24 годин:\n- невідкладно;\n- у липні 2027 року, маючи 25 млн EUR."
    assert _values(_pair(library, english, moved)["quantity_mismatches"]) == [
        "24 hours in the Ukrainian only",
        "24 hours in the English only",
    ]


def test_a_bracket_open_in_one_text_and_closed_in_the_other(library) -> None:
    english = "The Participants will co-operate on [demining / training]."
    assert not any(_pair(library, english, "Учасники співпрацюватимуть у сфері [розмінування / навчання].").values())
    resolved = _pair(library, english, "Учасники співпрацюватимуть у сфері розмінування.")
    assert _values(resolved["bracket_mismatches"]) == [
        "[demining / training] in the English, no bracket left there in the Ukrainian"
    ]
    unpaired = _pair(library, english, "Учасники співпрацюватимуть у сфері [розмінування / навчання.")
    assert "an unpaired '[' in the Ukrainian" in _values(unpaired["bracket_mismatches"])


def test_a_different_structure_is_reported_and_the_texts_are_still_compared(library) -> None:
    hits = _pair(
        library,
        "The Participants will:\n- meet within 24 hours;\n- consult.",
        "Учасники зустрінуться протягом 48 годин і проведуть консультації.",
    )
    assert _values(hits["block_mismatches"]) == [
        "the English has 3 blocks (paragraphs, bullets and sub-bullets), "
        "the Ukrainian 1 block (paragraphs, bullets and sub-bullets)"
    ]
    assert _values(hits["quantity_mismatches"]) == ["24 hours in the English, 48 hours in the Ukrainian"]


def test_treaty_vocabulary_is_a_finding_only_in_a_political_agreement(library, bilingual_spec) -> None:
    hits = _pair(
        library,
        "The Parties shall consult; third parties may attend.",
        "Сторони проводитимуть консультації; треті сторони можуть бути присутні.",
    )
    assert _values(hits["treaty_vocabulary"]) == ["Parties", "shall", "Сторони"]
    spec = with_choice(
        bilingual_spec,
        "final.amendments",
        text="This Agreement shall be amended by the Parties in writing.",
        text_uk="До цієї Угоди Сторони вносять зміни в письмовій формі.",
    )
    assert [f.message for f in _rules(spec, library)["treaty-vocabulary"]] == [
        "Treaty vocabulary 'shall' in a political agreement",
        "Treaty vocabulary 'Parties' in a political agreement",
        "Treaty vocabulary 'Сторони' in a political agreement",
    ]
    features = {"instrument": "treaty"}
    document = Document(
        "t",
        [Paragraph(0, "The Parties shall.", uk=UkrainianSide("Сторони."))],
        terms=library.terms,
        instrument=features["instrument"],
    )
    assert not [f for f in check_document(document, library).findings if f.rule == "treaty-vocabulary"]


def test_a_partner_without_case_forms_gets_an_info_finding(library) -> None:
    spec = new_spec(library, "Iceland", date=dt.date(2026, 11, 20))
    spec.params.update({"partner_name_uk": "Ісландія"})
    found = _rules(spec, library)
    cases = found["partner-cases-unknown"]
    assert {f.severity for f in cases} == {"info"}
    assert any(
        f.message == "The Ukrainian has {partner_name:ins} in the nominative: the partner's case forms are unknown"
        for f in cases
    )
    assert all(f.language == "uk" for f in cases)


def test_a_foreign_text_without_ukrainian_has_nothing_to_compare(library) -> None:
    document = Document("theirs.docx", [Paragraph(0, "The Parties shall consult within 24 hours.")])
    assert bilingual_hits(document) is None
    features = check_document(document, library).features
    assert "treaty_vocabulary" not in features and "translation_stale" not in features
    assert features["consultation_hours"].value is None  # the English detectors read it as ever: no attack, no deadline


def test_a_foreign_text_whose_reader_paired_its_languages_is_compared_too(library) -> None:
    paragraph = Paragraph(
        0,
        "The Parties will consult within 24 hours.",
        uk=UkrainianSide("Сторони проведуть консультації протягом 48 годин."),
    )
    document = Document("theirs.docx", [paragraph], terms=library.terms)
    findings = {f.rule: f for f in check_document(document, library).findings}
    assert findings["language-versions-differ"].message.endswith("24 hours in the English, 48 hours in the Ukrainian")
    assert "treaty-vocabulary" not in findings  # a foreign text's instrument is unknown
