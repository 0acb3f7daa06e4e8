"""The domain's vocabulary: library, draft specs, documents, features and findings.

Input that a person writes (clause files, draft specs) is validated with pydantic. What the
tool computes on every keystroke (documents, evidence, findings) is plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

ClauseId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$", max_length=80)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
ParamValue = Annotated[str, StringConstraints(max_length=2000)] | int | float | dt.date


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# --- the clause library ------------------------------------------------------------------------


class Precedent(_Strict):
    """A signed agreement that a variant can cite."""

    id: Slug
    name: str
    short: str
    signed: dt.date | None = None
    place: str | None = None


class Part(_Strict):
    id: Slug
    numeral: str = ""
    title: str
    title_uk: str = ""
    order: int
    numbered: bool = True
    show_heading: bool = True

    @property
    def heading(self) -> str:
        return f"Part {self.numeral}. {self.title}" if self.numeral else self.title

    @property
    def heading_uk(self) -> str:
        return f"Частина {self.numeral}. {self.title_uk}" if self.numeral else self.title_uk


class Variant(_Strict):
    id: Slug
    label: str
    text: Annotated[str, StringConstraints(min_length=1)]
    text_uk: str = ""  # the Ukrainian text, drafted by us; placeholders take Ukrainian formats
    precedents: list[Slug] = []
    note: str = ""


class Clause(_Strict):
    id: ClauseId
    part: Slug
    heading: str = ""
    heading_uk: str = ""  # the subheading in Ukrainian, the same for every clause under it
    title: str
    tags: list[str] = []
    note: str
    numbered: bool | None = None
    default_variant: Slug | None = None
    variants: Annotated[list[Variant], Field(min_length=1)]

    @model_validator(mode="after")
    def _variants_are_consistent(self) -> Clause:
        ids = [v.id for v in self.variants]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise ValueError(f"variant id {dup!r} appears twice")
        if self.default_variant is None:
            self.default_variant = ids[0]
        elif self.default_variant not in ids:
            raise ValueError(f"default_variant {self.default_variant!r} is not one of its variants {ids}")
        return self

    def variant(self, variant_id: str | None) -> Variant:
        wanted = variant_id or self.default_variant
        for variant in self.variants:
            if variant.id == wanted:
                return variant
        raise KeyError(wanted)

    @property
    def variant_ids(self) -> list[str]:
        return [v.id for v in self.variants]


ParamType = Literal["text", "integer", "decimal", "choice", "date"]


class ParamSpec(_Strict):
    """A named value that clause text may use as `{name}`."""

    name: Slug
    type: ParamType
    label: str
    help: str = ""
    group: str = "Agreement"
    default: ParamValue | None = None
    default_from: Slug | None = None
    unset_text: str | None = None
    unset_text_uk: str | None = None  # what an unfilled value shows in the Ukrainian text
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    max_length: int = 300
    choices: list[str] = []
    choices_uk: dict[str, str] = {}  # how a choice reads in the Ukrainian text ("million" -> "млн")


ConditionOp = Literal["eq", "ne", "lt", "le", "gt", "ge", "true", "false", "null", "not_null", "nonempty", "empty"]


class Condition(_Strict):
    feature: str
    op: ConditionOp
    value: str | int | float | bool | None = None


class Rule(_Strict):
    """A playbook rule: data, evaluated over features by `playbook.evaluate`."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    severity: Severity
    working_severity: Severity | None = None
    message: str
    reason: str
    precedents: list[Slug] = []
    when: Annotated[list[Condition], Field(min_length=1)]
    each: str | None = None
    expected_clause: str | None = None


Instrument = Literal["political", "treaty"]


class Profile(_Strict):
    id: Slug
    title: str
    description: str = ""
    # a political agreement (the BSAs: "Participants", "will") or a treaty ("Parties", "shall")
    instrument: Instrument = "political"
    clauses: Annotated[list[ClauseId], Field(min_length=1)]
    variants: dict[str, Slug] = {}


UkCase = Literal["nom", "gen", "dat", "acc", "ins", "loc", "voc"]


class PartnerUk(_Strict):
    """A partner's names in Ukrainian, in the grammatical cases the clause texts need."""

    name: dict[UkCase, str]
    formal_name: dict[UkCase, str]
    adjective: dict[Literal["m", "f", "n", "pl"], str] = {}
    language: dict[UkCase, str] = {}
    place: dict[UkCase, str] = {}


class PartnerInfo(_Strict):
    name: str
    formal_name: str
    adjective: str
    place: str = ""
    language: str = ""
    uk: PartnerUk | None = None


# --- the termbase ---------------------------------------------------------------------------------


class TermSense(_Strict):
    """A context in which an English term is rightly rendered by another Ukrainian word
    ("commitment to democracy" is devotion, «відданість», not an undertaking)."""

    en: Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]
    uk: Annotated[str, StringConstraints(min_length=1)]
    note: str = ""


class Term(_Strict):
    """One term pair: the English forms that call for it and the Ukrainian lemma that renders it."""

    id: Slug
    en: Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]
    uk: Annotated[str, StringConstraints(min_length=1)]
    uk_also: list[Annotated[str, StringConstraints(min_length=1)]] = []  # other lemmas that count as the term
    uk_forbidden: list[Annotated[str, StringConstraints(min_length=1)]] = []
    note: str = ""
    senses: list[TermSense] = []


class ForbiddenTerm(_Strict):
    """A word that must not appear in text of one language, unless in the company of `unless`."""

    lang: Literal["en", "uk"]
    lemma: Annotated[str, StringConstraints(min_length=1)]
    forms: list[Annotated[str, StringConstraints(min_length=1)]] = []
    note: str = ""
    unless: str = ""


class TreatyWord(_Strict):
    """Vocabulary of a treaty ("shall", "the Parties"), out of place in a political agreement.
    `forms` match as written (case-sensitive): "Parties" is the defined term, "parties" is not."""

    lang: Literal["en", "uk"]
    forms: Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]
    note: str = ""


@dataclass(frozen=True)
class Termbase:
    """clauses/terms.toml, validated: term pairs, forbidden words and treaty vocabulary."""

    terms: tuple[Term, ...] = ()
    forbidden: tuple[ForbiddenTerm, ...] = ()
    treaty: tuple[TreatyWord, ...] = ()


@dataclass
class Library:
    """Everything under clauses/, validated and cross-checked."""

    root: str
    parts: dict[str, Part]
    clauses: dict[str, Clause]
    params: dict[str, ParamSpec]
    precedents: dict[str, Precedent]
    rules: list[Rule]
    profiles: dict[str, Profile]
    partners: dict[str, PartnerInfo]
    terms: Termbase = field(default_factory=Termbase)
    clause_sources: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # indexes built from it

    def profile_for(self, spec: DraftSpec) -> Profile:
        """The profile a draft is built on (the standard one when its own is unknown)."""
        return self.profiles.get(spec.draft.profile) or self.profiles["standard"]

    def standard_variant(self, spec: DraftSpec, clause_id: str) -> str | None:
        """The variant a clause has in the draft's profile unless the draft chooses another."""
        clause = self.clauses.get(clause_id)
        if clause is None:
            return None
        return self.profile_for(spec).variants.get(clause_id, clause.default_variant)

    def partner_params(self, name: str) -> dict[str, str]:
        """The parameters a partner's name brings: its names, place and language when the
        partner table knows it, else only the name as typed."""
        known = self.partner(name)
        if known is None:
            return {"partner_name": name.strip()}
        params = {
            "partner_name": known.name,
            "partner_formal_name": known.formal_name,
            "partner_adjective": known.adjective,
        }
        if known.place:
            params["place_of_signature"] = known.place
        if known.language:
            params["partner_language"] = known.language
        return params

    def partner_forms_uk(self, name: str) -> dict[str, dict[str, str]]:
        """The Ukrainian forms of a partner's names from the partner table, by the parameter
        they fill (partner_name -> its cases); empty when the table does not know the partner
        or has no Ukrainian for it."""
        known = self.partner(name)
        if known is None or known.uk is None:
            return {}
        uk = known.uk
        forms: dict[str, dict[str, str]] = {
            "partner_name": dict(uk.name),
            "partner_formal_name": dict(uk.formal_name),
            "partner_adjective": dict(uk.adjective),
            "partner_language": dict(uk.language),
            "place_of_signature": dict(uk.place),
        }
        return {param: cases for param, cases in forms.items() if cases}

    def precedent_names(self, ids: list[str]) -> list[str]:
        return [self.precedents[i].short if i in self.precedents else i for i in ids]

    def partner(self, name: str) -> PartnerInfo | None:
        key = name.strip().casefold()
        for partner in self.partners.values():
            if partner.name.casefold() == key:
                return partner
        return None


# --- draft specs --------------------------------------------------------------------------------

DraftStatus = Literal["working", "final"]


class DraftMeta(_Strict):
    partner: Annotated[str, StringConstraints(min_length=1, max_length=120, strip_whitespace=True)]
    round: Annotated[int, Field(ge=1, le=999)] = 1
    date: Annotated[dt.date, Field(strict=False)]
    status: DraftStatus = "working"
    profile: Slug = "standard"
    notes: Annotated[str, StringConstraints(max_length=20000)] = ""


class ClauseChoice(_Strict):
    """What a draft does with one clause. Custom clauses (ids `custom.*`) also carry part and text."""

    include: bool = True
    variant: Slug | None = None
    text: Annotated[str, StringConstraints(max_length=100_000)] | None = None
    text_uk: Annotated[str, StringConstraints(max_length=100_000)] | None = None
    # the two texts as they were when last known to say the same, "en:HASH uk:HASH" (a side
    # "*" follows the other: see bilingual.py); absent while the library's pair is the baseline
    confirmed: Annotated[str, StringConstraints(pattern=r"^en:([0-9a-f]{12}|\*) uk:([0-9a-f]{12}|\*)$")] | None = None
    params: dict[Slug, ParamValue] = {}
    part: Slug | None = None
    heading: Annotated[str, StringConstraints(max_length=200)] | None = None
    heading_uk: Annotated[str, StringConstraints(max_length=200)] | None = None
    title: Annotated[str, StringConstraints(max_length=200)] | None = None

    def is_default(self) -> bool:
        return self == ClauseChoice()


Round = Annotated[int, Field(ge=1, le=999)]
LongText = Annotated[str, StringConstraints(max_length=100_000)]
ShortText = Annotated[str, StringConstraints(max_length=2000)]
# who proposed a wording: our side, or the partner the draft is negotiated with
Side = Literal["ukraine", "partner"]
ProposalKind = Literal["change", "delete", "insert", "comment"]
DecisionKind = Literal["accept", "reject", "counter", "bracket"]
IssueStatus = Literal["open", "agreed", "escalated", "withdrawn"]


class RoundRecord(_Strict):
    """One round of the exchange: when we sent our text, and when their answer came in."""

    round: Round
    sent: Annotated[dt.date, Field(strict=False)] | None = None
    author: ShortText = ""  # whose name our tracked changes and comments carried
    answered: Annotated[dt.date, Field(strict=False)] | None = None
    answer_file: ShortText = ""
    answer_sha256: Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{64})?$")] = ""


class TheirComment(_Strict):
    author: ShortText = ""
    date: ShortText = ""
    text: LongText
    anchor: LongText = ""  # the words it was attached to


class Decision(_Strict):
    """Our answer to one proposal, and the round of our text that carries it."""

    kind: DecisionKind
    round: Round
    reason: LongText = ""
    wording: LongText | None = None  # counter: the wording we answered with
    replaced: LongText | None = None  # our wording before the decision changed it (kept, never lost)
    brackets: list[Annotated[str, StringConstraints(pattern=r"^B\d{1,5}$")]] = []


class Proposal(_Strict):
    """A change the other side proposed to one clause in their answer to our round."""

    id: Annotated[str, StringConstraints(pattern=r"^P\d{1,3}\.\d{1,4}$")]
    round: Round  # the round of ours that they answered
    clause: ClauseId
    kind: ProposalKind
    ours: LongText = ""  # our wording as we sent it (placeholders filled), "" for an insertion
    theirs: LongText = ""  # their wording, "" for a deletion or a comment
    authors: list[ShortText] = []
    date: ShortText = ""
    unmarked: bool = False  # some of it was not shown as a tracked change
    comments: list[TheirComment] = []
    after: ClauseId | None = None  # an insertion: the clause it follows
    part: Slug | None = None
    heading: Annotated[str, StringConstraints(max_length=200)] | None = None
    title: Annotated[str, StringConstraints(max_length=200)] | None = None
    # the same point in an earlier round: the proposal on this clause that this one continues
    follows: Annotated[str, StringConstraints(pattern=r"^P\d{1,3}\.\d{1,4}$")] | None = None
    decision: Decision | None = None


class BracketOption(_Strict):
    text: LongText
    by: Side


class Bracket(_Strict):
    """Wording not yet agreed, [A / B] in a clause, and who proposed each option."""

    id: Annotated[str, StringConstraints(pattern=r"^B\d{1,5}$")]
    clause: ClauseId
    options: Annotated[list[BracketOption], Field(min_length=2, max_length=9)]
    opened: Round
    resolution: Literal["chosen", "removed"] | None = None  # None: still open
    chosen: Annotated[int, Field(ge=1, le=9)] | None = None  # the option taken (1 = the first)
    closed: Round | None = None

    @model_validator(mode="after")
    def _resolution_is_consistent(self) -> Bracket:
        if (self.resolution == "chosen") != (self.chosen is not None):
            raise ValueError("'chosen' names the option taken, and only a bracket resolved as 'chosen' has one")
        if self.chosen is not None and self.chosen > len(self.options):
            raise ValueError(f"chosen = {self.chosen}, but the bracket has {len(self.options)} options")
        if (self.resolution is None) != (self.closed is None):
            raise ValueError("a resolved bracket has the round it was closed in ('closed'), an open one has none")
        return self

    @property
    def is_open(self) -> bool:
        return self.resolution is None


class IssueNote(_Strict):
    """What a negotiator set on one row of the issues list."""

    status: IssueStatus | None = None  # None: as the negotiation shows it
    owner: ShortText = ""
    note: LongText = ""


class DraftSpec(_Strict):
    draft: DraftMeta
    params: dict[Slug, ParamValue] = {}
    order: list[ClauseId] | None = None
    clauses: dict[ClauseId, ClauseChoice] = {}
    rounds: list[RoundRecord] = []
    proposals: list[Proposal] = []
    brackets: list[Bracket] = []
    issues: dict[Annotated[str, StringConstraints(max_length=200)], IssueNote] = {}

    @model_validator(mode="after")
    def _ids_are_unique(self) -> DraftSpec:
        for table, ids in (
            ("proposals", [p.id for p in self.proposals]),
            ("brackets", [b.id for b in self.brackets]),
            ("rounds", [r.round for r in self.rounds]),
        ):
            if len(set(ids)) != len(ids):
                raise ValueError(f"{table}: {next(i for i in ids if ids.count(i) > 1)!r} appears twice")
        known = {b.id for b in self.brackets}
        for proposal in self.proposals:
            missing = [b for b in (proposal.decision.brackets if proposal.decision else []) if b not in known]
            if missing:
                raise ValueError(f"proposal {proposal.id}: its decision names {missing[0]}, not in the register")
        return self


CUSTOM_PREFIX = "custom."


# --- documents, features and findings (computed, not validated) ---------------------------------


SIGNATURES = "Signatures"  # the heading of signature lines ("For Ukraine: ..."), which are not clause text


TextLanguage = Literal["en", "uk"]
# How the two texts of a bilingual clause stand to each other: None (in step), "uk" (the English
# was edited after the Ukrainian was last confirmed), "en" (the other way round), "both" (both
# edited since), "missing" (no Ukrainian text)
Staleness = Literal["uk", "en", "both", "missing"]


@dataclass(frozen=True, slots=True)
class UkrainianSide:
    """The Ukrainian text of one paragraph of our bilingual draft, beside its English."""

    text: str
    stale: Staleness | None = None
    # placeholders rendered in the nominative because the partner's case forms are unknown
    nominative_only: tuple[str, ...] = ()


@dataclass(slots=True)
class Paragraph:
    """One unit of text: a clause of our draft, or a paragraph of a foreign document."""

    index: int
    text: str
    kind: Literal["heading", "paragraph"] = "paragraph"
    clause: str | None = None
    heading: str = ""
    list_level: int = 0  # 1 for a bullet, 2 for a sub-bullet: part of the paragraph before it
    level: int = 0  # of a heading: 0 the title, 1 a Part, 2 a subheading
    label: str = ""  # the number Word's list numbering shows before the text ("3.", "(a)", "IV.")
    uk: UkrainianSide | None = None  # our bilingual draft: the Ukrainian of this paragraph
    library_text: str | None = None  # an edited clause of our draft: the library wording it departs from


RevisionKind = Literal[
    "insertion", "deletion", "move-from", "move-to", "paragraph-mark-inserted", "paragraph-mark-deleted", "formatting"
]
View = Literal["proposed", "before"]


@dataclass(slots=True)
class Revision:
    """One tracked change of a returned DOCX, where it stands and what it does to its paragraph.

    `before` and `after` are the whole paragraph with every revision rejected and accepted, so a
    proposal can be shown and stored without the file. `paragraph` indexes the view the
    document was read in; a paragraph deleted whole in that view is attached to the paragraph
    that follows it (or the last one). `clause` is set by the clause mapping."""

    kind: RevisionKind
    author: str
    date: str
    text: str
    paragraph: int | None
    before: str
    after: str
    whole_paragraph: bool = False
    clause: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "author": self.author,
            "date": self.date,
            "text": self.text,
            "paragraph": self.paragraph,
            "clause": self.clause,
            "whole_paragraph": self.whole_paragraph,
            "before": self.before,
            "after": self.after,
        }


@dataclass(slots=True)
class Comment:
    """A Word comment: who wrote what, on which words of which paragraph."""

    id: str
    author: str
    date: str
    text: str
    anchor: str  # the words the comment covers ("" when it marks a point)
    paragraph: int | None  # None: the comment is anchored nowhere in the text
    clause: str | None = None
    reply_to: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "author": self.author,
            "date": self.date,
            "text": self.text,
            "anchor": self.anchor,
            "paragraph": self.paragraph,
            "clause": self.clause,
            "reply_to": self.reply_to,
        }


@dataclass(slots=True)
class Note:
    """A footnote or endnote, kept apart from the body text, with the paragraph that cites it."""

    kind: Literal["footnote", "endnote"]
    id: str
    text: str
    paragraph: int | None


@dataclass(slots=True)
class ReadingWarning:
    """Something in the file that could not be read as it is shown, said so instead of skipped."""

    code: str  # unread-content, broken-markup, revision-without-author, comment-unanchored ...
    message: str
    paragraph: int | None = None


@dataclass(frozen=True, slots=True)
class Language:
    """The language of a text (ISO 639-1, "und" when unsure) and why it was chosen."""

    code: str
    confidence: float
    evidence: str
    shares: dict[str, float] = field(default_factory=dict, hash=False)  # share of words per language found


UNDETERMINED = Language("und", 0.0, "no text to judge")


DocumentOrigin = Literal["draft", "foreign"]


@dataclass
class Document:
    source: str
    paragraphs: list[Paragraph]
    title: str = ""
    view: View = "proposed"
    revisions: list[Revision] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    warnings: list[ReadingWarning] = field(default_factory=list)
    language: Language = field(default_factory=lambda: UNDETERMINED)
    terms: Termbase | None = None  # our bilingual draft: the termbase its two texts are checked with
    instrument: Instrument | None = None  # our draft: the kind of instrument its profile is
    origin: DocumentOrigin = "foreign"  # "draft": assembled from our library, where wording typed anywhere counts

    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "paragraph"]

    def outline(self) -> list[Paragraph]:
        """The headings in order: the title (level 0), Parts (1) and subheadings (2)."""
        return [p for p in self.paragraphs if p.kind == "heading"]

    def revision_authors(self) -> list[str]:
        return sorted({r.author for r in self.revisions if r.author})


@dataclass(slots=True)
class Evidence:
    paragraph: int
    start: int
    end: int
    quote: str
    clause: str | None = None
    language: TextLanguage = "en"  # which text of a bilingual paragraph the offsets are in


@dataclass(slots=True)
class Hit:
    """One occurrence of a feature (an exit clause, a qualifier, a bracket, a drifted clause ...),
    judged on its own: `related` holds its own values of other features (an exit's notice_months)."""

    value: Any
    evidence: Evidence
    detail: str = ""
    related: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class NearMiss:
    """A sentence a detector considered and did not count, and why: shown when a feature is missing."""

    evidence: Evidence
    reason: str


@dataclass(slots=True)
class Feature:
    """A feature of a whole text. List features count their occurrences; every feature keeps the
    places it was found, and when it is absent, the closest sentences that did not count."""

    value: Any
    evidence: list[Evidence] = field(default_factory=list)
    occurrences: list[Hit] = field(default_factory=list)
    closest: list[NearMiss] = field(default_factory=list)

    @property
    def first(self) -> Evidence | None:
        return self.evidence[0] if self.evidence else None


@dataclass(slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    reason: str
    precedents: list[str]
    clause: str | None
    evidence: str | None
    paragraph: int | None = None
    span: tuple[int, int] | None = None
    language: TextLanguage = "en"  # the text the evidence is quoted from
    closest: list[NearMiss] = field(default_factory=list)  # for a missing feature: what came nearest

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "clause": self.clause,
            "evidence": self.evidence,
            "language": self.language,
        }


def finding_order(finding: Finding) -> tuple[int, int, str]:
    """How findings are listed: the most severe first, then in the order of the text."""
    paragraph = finding.paragraph if finding.paragraph is not None else 10**9  # a missing feature: last
    return (-SEVERITY_RANK[finding.severity], paragraph, finding.rule)
