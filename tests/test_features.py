"""The text detectors, on wording we wrote ourselves and on the six reference agreements."""

from __future__ import annotations

import tomllib

import pytest
from conftest import REFERENCE

from bsa_drafter.features import extract_features, scan_paragraph, sentence_spans
from bsa_drafter.ingest import read_document
from bsa_drafter.models import Document, Paragraph


def features_of(*paragraphs: str, heading: str = ""):
    doc = Document("test", [Paragraph(i, text, heading=heading) for i, text in enumerate(paragraphs)])
    return extract_features(doc)


EXIT_CASES = [
    ("Either Participant may terminate this Agreement by giving six (6) months' written notice to the other Participant.", "yes", 6),
    ("This Agreement may be terminated by either Participant by written notification. It will end twelve months after receipt of that notification.", "yes", 12),
    ("This Agreement may be brought to an end by either Participant through written notification.", "yes", None),
    ("This Arrangement may be discontinued by either side at any time through a written notice. The Arrangement will be discontinued six months from the day such notice is received.", "yes", 6),
    ("Each Party may withdraw from this Agreement at any time by notifying the other Party in writing; the withdrawal takes effect ninety (90) days after receipt.", "yes", 3),
    ("This Agreement may be terminated at any time by either side, with at least 6 (six) months prior notice.", "yes", 6),
    ("This Arrangement may be discontinued by either Participant giving one year's notice.", "yes", 12),
    ("The present Agreement can be terminated at any moment on three months' notice given in writing.", "yes", 3),
    ("Either Party may terminate this Agreement by notifying the other Party in writing of its intent. Such termination shall become effective 6 months after that notification.", "yes", 6),
    ("Either Participant is free to terminate this Agreement at any time. It should give the other Participant written notice at least six months prior.", "yes", 6),
    ("Either Participant may denounce this Agreement. The denunciation takes effect 3 months after the date of receipt of the notification.", "yes", 3),
    ("Either Participant may terminate this Agreement with immediate effect.", "yes", 0),
    ("The Participants will inform each other of an intention to terminate this Agreement.", "soft", None),
    ("Should either Participant intend to end its participation, it will inform the other Participant of its intention to terminate this Agreement six months in advance.", "soft", 6),
    # not a unilateral exit
    ("This Agreement may be terminated by mutual consent of the Participants.", "no", None),
    ("This Agreement may be terminated only by mutual consent of the Participants, expressed in writing.", "no", None),
    ("Either Participant may terminate a contract for supplies concluded under this Agreement with three months' notice.", "no", None),
    ("The Ministry may terminate contracts for the supply of ammunition at any time.", "no", None),
    ("Terminating a contract for supplies requires six months' notice.", "no", None),
    ("This Agreement may not be terminated unilaterally.", "no", None),
    ("The Participants will end forever Russia's attacks on Ukraine.", "no", None),
]


@pytest.mark.parametrize(("text", "exit_value", "months"), EXIT_CASES)
def test_unilateral_exit_and_notice(text: str, exit_value: str, months: int | None) -> None:
    features = features_of(text)
    assert features["unilateral_exit"].value == exit_value
    assert features["notice_months"].value == months
    if exit_value != "no":
        assert features["unilateral_exit"].first.quote


def test_notice_in_the_next_paragraph_belongs_to_the_exit() -> None:
    features = features_of(
        "Either Participant may terminate this Agreement by written notice.",
        "The termination takes effect nine (9) months after the notice is received.",
    )
    assert features["notice_months"].value == 9


def test_extension_notice_is_not_an_exit_notice() -> None:
    features = features_of(
        "The Participants may agree together to prolong this Agreement by a notification sent no later than six (6) months before the ten-year term lapses."
    )
    assert features["unilateral_exit"].value == "no"
    assert features["notice_months"].value is None


NATO_CASES = [
    ("The Participants will co-ordinate their efforts to support Ukraine's accession to NATO.", True),
    ("The Participants reaffirm that Ukraine's future lies in NATO.", True),
    ("Canada confirms that the future of Ukraine lies in the North Atlantic Treaty Organization.", True),
    ("Ukraine will become a member of NATO.", True),
    ("Ukraine will join NATO once all Allies agree to it.", True),
    ("Latvia supports an Allied decision to invite Ukraine to join NATO.", True),
    ("The commitments in this Agreement are not a substitute for Ukraine's membership in NATO.", True),
    ("This Agreement is not an alternative to NATO membership.", True),
    ("The Participants regard this Agreement as a bridge to Ukraine's eventual membership in NATO.", True),
    ("Croatia supports Ukraine's irreversible path to full Euro-Atlantic integration, including NATO membership.", True),
    ("Estonia strongly supports Ukraine's membership in the North Atlantic Treaty Organization.", True),
    ("The United Kingdom believes that Ukraine's future membership of NATO would contribute to peace in Europe.", True),
    ("The Participants will work towards Ukraine's accession to the Alliance.", True),
    # not support
    ("The arrangement leaves unaffected, and is without prejudice to, Ukraine's pursuit of membership in NATO.", False),
    ("This text is without prejudice to the way Ukraine may pursue future membership of the Euro-Atlantic community.", False),
    ("The reforms are essential for Ukraine's European and NATO aspirations.", False),
    ("Recognizing and supporting the Euro-Atlantic aspirations of Ukraine.", False),
    ("Hungary does not support Ukraine's membership in NATO.", False),
    ("The Participants will deepen interoperability with NATO and support the transition to NATO standards.", False),
    ("Germany will support Ukraine on its path towards EU membership.", False),
    ("Japan will contribute to the NATO-Ukraine Comprehensive Assistance Package.", False),
]


@pytest.mark.parametrize(("text", "expected"), NATO_CASES)
def test_nato_support(text: str, expected: bool) -> None:
    assert features_of(text)["nato_support"].value is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Once Ukraine is admitted to NATO while this Agreement is still valid, the Participants will settle what its status should be.", True),
        ("If Ukraine joins NATO, both sides shall confer about what happens to this Agreement.", True),
        ("Upon Ukraine's accession to NATO, the Participants will review the status of this Agreement.", True),
        ("If Ukraine joins NATO before this Agreement expires, the Participants will consult on whether it should be modified and adapted.", True),
        ("Ukraine's accession to NATO remains the goal.", False),
        ("In the event that Ukraine becomes a member of the European Union, the Participants will consult.", False),
    ],
)
def test_nato_status_clause(text: str, expected: bool) -> None:
    assert features_of(text)["nato_status_clause"].value is expected


@pytest.mark.parametrize(
    ("text", "within_day", "hours"),
    [
        ("Should Russia attack Ukraine again, the Participants will consult within 24 hours.", True, 24),
        ("In the event of a future Russian armed attack, the Participants will hold consultations within twenty-four (24) hours.", True, 24),
        ("In case of renewed aggression, the Participants will meet within 24h at the request of either of them.", True, 24),
        ("After an armed attack the two sides will convene at leaders' level, if feasible within 24 hours.", True, 24),
        ("Should an attack occur, the Participants will convene 24-hour consultations.", True, 24),
        ("In the event of a future armed attack, the Participants will consult within 48 hours.", False, 48),
        ("In the event of a future armed attack, the Participants will consult without delay.", False, None),
        ("The hotline will be staffed 24 hours a day.", False, None),
    ],
)
def test_consultation(text: str, within_day: bool, hours: int | None) -> None:
    features = features_of(text)
    assert features["consultation_24h"].value is within_day
    assert features["consultation_hours"].value == hours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The sides aim for a situation in which, if the Netherlands suffers outside military aggression, Ukraine is able to render effective help.", True),
        ("In the event of an armed attack against Latvia, Ukraine will be in a position to provide assistance.", True),
        ("Ukraine will be able to provide effective military assistance in the event of aggression against Canada.", True),
        ("Should Canada face external military aggression, Ukraine is in a position to give it effective military help.", True),
        ("Both Parties make it their policy to jointly deter and confront future aggression against the territory of either Party.", True),
        ("The Participants undertake mutual military assistance in case of armed attack.", True),
        ("Were Russia to attack Ukraine again, Poland would give Ukraine rapid assistance.", False),
        ("Ukraine's defence industry will contribute to Euro-Atlantic security.", False),
        ("Ukraine will become a net contributor to maritime security in the Black Sea.", False),
    ],
)
def test_reciprocity(text: str, expected: bool) -> None:
    assert features_of(text)["reciprocity"].value is expected


@pytest.mark.parametrize(
    ("text", "years", "open_ended"),
    [
        ("The Agreement is valid for ten years after signature.", 10, False),
        ("This Agreement shall remain in force for a period of ten (10) years.", 10, False),
        ("This Agreement will be valid for 10 (ten) years from the date of signature.", 10, False),
        ("The Agreement shall remain in force 10 years after it takes effect.", 10, False),
        ("The Agreement is concluded for a period of five years.", 5, False),
        ("The term of this Agreement is twenty years.", 20, False),
        ("The Participants will support Ukraine for the ten-year duration of this Agreement.", 10, False),
        ("This Agreement is concluded for an indefinite period.", None, True),
        ("Sweden will provide military assistance of SEK 75 billion over the three-year period of 2024-2026.", None, True),
    ],
)
def test_duration(text: str, years: int | None, open_ended: bool) -> None:
    features = features_of(text)
    assert features["duration_years"].value == years
    assert features["open_ended"].value is open_ended


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("In 2025, the Participant will provide EUR 500 million in military support.", "amount"),
        ("In 2026 Britain will give a further £1.5bn of military support.", "amount"),
        ("In 2027, Bulgaria will provide Ukraine with military support of EUR [amount] million.", "amount"),
        ("Lithuania will allocate 0.25% of its GDP annually to military support for Ukraine.", "gdp_share"),
        ("Norway will provide NOK 75 billion in support over 2023-2027.", "multi_year"),
        ("Assistance will be provided subject to the availability of appropriated funds.", "appropriation"),
        ("During 2023 Britain gave Ukraine £2.1bn in military aid.", None),
        ("Russian sovereign assets worth EUR 200 billion will remain immobilised.", None),
    ],
)
def test_money_pledge(text: str, kind: str | None) -> None:
    assert features_of(text)["money_pledge"].value == kind


def test_alignment_escalation_and_review() -> None:
    features = features_of(
        "In the event of a significant escalation the Participants will consult.",
        "The sides may adapt the commitments of this Part to align them with a mechanism agreed by Ukraine later.",
        "The Participants will evaluate the effectiveness of the Agreement before its end.",
    )
    assert features["escalation_trigger"].value is True
    assert features["alignment_mechanism"].value is True
    assert features["review_clause"].value is True
    none = features_of("The Participants will co-operate on cyber security.")
    assert not none["escalation_trigger"].value and not none["alignment_mechanism"].value and not none["review_clause"].value


def test_qualifiers_on_the_help_only() -> None:
    attack = features_of(
        "Germany would, as appropriate, give Ukraine fast and lasting security help.",
        heading="VI. Future aggression",
    )
    assert [h.value for h in attack["qualifiers"].value] == ["as appropriate"]
    means = features_of("Poland would provide assistance within its means and capabilities.")
    assert [h.value for h in means["qualifiers"].value] == ["within its means and capabilities"]
    channels = features_of("Objectives will be set through civilian or military channels as appropriate.")
    assert channels["qualifiers"].value == []


def test_assurances_brackets_and_placeholders() -> None:
    features = features_of("Security assurances were given in 1994. The [Participants / Parties] agree on ___ and TBD.")
    assert [h.value for h in features["assurances"].value] == ["assurances"]
    assert [h.value for h in features["brackets"].value] == ["[Participants / Parties]"]
    assert [h.value for h in features["placeholders"].value] == ["___", "TBD"]
    clean = features_of("Quality assurance of ammunition and reassurance of allies.", "See note [12].")
    assert clean["assurances"].value == [] and clean["brackets"].value == []


def test_evidence_points_at_the_sentence() -> None:
    text = "The Participants will co-operate. Either Participant may terminate this Agreement by six months' written notice."
    features = features_of(text)
    evidence = features["unilateral_exit"].first
    assert evidence.paragraph == 0
    assert text[evidence.start : evidence.end].startswith("Either Participant may terminate")


def test_sentences_respect_abbreviations() -> None:
    text = "The U.S. and Ukraine agree. E.g. this one. Next sentence."
    spans = [text[a:b].strip() for a, b in sentence_spans(text)]
    assert spans[0] == "The U.S. and Ukraine agree."


def test_scan_is_cached_by_text() -> None:
    text = "Either Participant may terminate this Agreement by written notice."
    assert scan_paragraph(text) is scan_paragraph(text)


# --- the development set: the six reference agreements ------------------------------------------

LABELS_FILE = REFERENCE / "labels.toml"
LABELS = tomllib.loads(LABELS_FILE.read_text()) if LABELS_FILE.exists() else {}
needs_reference = pytest.mark.skipif(not LABELS_FILE.exists(), reason="../shared/reference/agreements is not present")


@needs_reference
@pytest.mark.parametrize("name", sorted(LABELS) or ["none"])
@pytest.mark.parametrize("source", ["original", "txt"])
def test_reference_labels(name: str, source: str) -> None:
    label = LABELS[name]
    path = REFERENCE / (label["file"] if source == "original" else f"{name}.txt")
    features = extract_features(read_document(path))
    got = {
        "exit": features["unilateral_exit"].value,
        "notice_months": features["notice_months"].value if features["notice_months"].value is not None else -1,
        "nato_support": features["nato_support"].value,
        "nato_status": features["nato_status_clause"].value,
        "consult_24h": features["consultation_24h"].value,
        "reciprocity": features["reciprocity"].value,
        "duration_years": features["duration_years"].value if features["duration_years"].value is not None else -1,
    }
    expected = {key: label[key] for key in got}
    assert got == expected
