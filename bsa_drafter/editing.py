"""Editing a draft: every change a negotiator can make, with draft-wide undo and redo.

The drafting app and the tests use the same rules; nothing here knows about a terminal.
Each edit is one undo step that remembers only what it touched (the clause choices, the
order, the parameters or the draft's meta data), so undo is cheap on any size of draft.
Typing into one clause without a pause is one step, as in a word processor. Replacing
wording (a variant switch, a reload from disk, a restored recovery copy) is a step like any
other: what was replaced comes back with undo.

Files: `open` reads a spec leniently (a parameter with an invalid value opens, its field
marked), `save` replaces the file only if it still holds what was read, under a lock, so two
saves at the same instant cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Literal

from bsa_drafter.assemble import AssembledClause, AssemblyCache, Draft, assemble, baseline, effective_order
from bsa_drafter.bilingual import Marker, marker_after_edit
from bsa_drafter.brackets import alternatives_in, sync_clause
from bsa_drafter.brackets import choose as choose_option
from bsa_drafter.errors import BadInput
from bsa_drafter.files import ChangedOnDisk, atomic_write_bytes, decode_text, read_bytes, replace_if_unchanged
from bsa_drafter.models import (
    CUSTOM_PREFIX,
    SEVERITY_RANK,
    ClauseChoice,
    DecisionKind,
    DraftMeta,
    DraftSpec,
    IssueNote,
    IssueStatus,
    Library,
    RoundRecord,
    Side,
    TextLanguage,
)
from bsa_drafter.params import check_value, parse_number
from bsa_drafter.playbook import CheckResult, check_draft
from bsa_drafter.proposals import DecisionRefused, Effect, decide
from bsa_drafter.proposals import find as find_proposal
from bsa_drafter.recovery import RecoveryCopy, RecoveryStore, RecoveryWriter
from bsa_drafter.rounds import with_record, working_round
from bsa_drafter.spec import MAX_SPEC_BYTES, dumps_spec, new_spec, parse_spec, partner_name_problem, validate_spec

if TYPE_CHECKING:
    from bsa_drafter.round_import import ImportPlan

__all__ = ["ChangedOnDisk", "DecisionRefused", "DraftSession", "DRAFT_DETAILS", "OutlineEntry", "FieldProblem", "Step"]

DRAFT_DETAILS = "draft"  # the outline entry for the draft's meta data and signature parameters
TYPING_PAUSE = 2.0  # seconds: typing into one clause without a longer pause is one undo step
TYPING = ("text", "text_uk")  # the kinds of step that typing makes, one per language
META_LABELS = {"partner": "Partner", "round": "Round", "date": "Date", "status": "Status"}

FieldKind = Literal["param", "draft"]
NEGOTIATION_TABLES = ("rounds", "proposals", "brackets", "issues")


@dataclass(frozen=True)
class OutlineEntry:
    clause_id: str
    title: str
    part: str
    heading: str
    status: str  # standard | variant | edited | added | custom | omitted
    number: int | None
    severity: str | None


@dataclass(frozen=True)
class FieldProblem:
    """A value the user typed that was refused: the spec keeps its last valid value."""

    label: str
    message: str
    typed: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


_UNSET: Any = object()


@dataclass
class Snapshot:
    """The parts of a spec that one step touched, as they were at one moment."""

    clauses: dict[str, ClauseChoice | None] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)  # _UNSET: not set
    # the order of the spec's tables, which is the order they are saved in: restored with the
    # values, so that undoing every edit gives back the very same file
    clause_keys: tuple[str, ...] | None = None
    param_keys: tuple[str, ...] | None = None
    order: Any = _UNSET  # list[str] | None, or _UNSET when untouched
    draft: DraftMeta | None = None
    # the negotiation's tables it touched (rounds, proposals, brackets, issues), whole: they are
    # small, and their rows are never changed in place, only replaced
    tables: dict[str, Any] = field(default_factory=dict)


@dataclass
class Step:
    label: str
    clause: str | None  # the clause to show after undoing or redoing it
    kind: str
    before: Snapshot
    after: Snapshot
    at: float


class DraftSession:
    """One draft being edited: its spec, its checks, its history and its file."""

    def __init__(
        self,
        library: Library,
        spec: DraftSpec,
        path: Path | None,
        disk_bytes: bytes | None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.library = library
        self.spec = spec
        self.path = path
        self.disk_bytes = disk_bytes  # the file as last read or written (None: never on disk)
        self.baseline = dumps_spec(spec)  # the spec as last saved, opened or started
        self.saved_once = disk_bytes is not None
        self.version = 0
        self.invalid: dict[tuple[FieldKind, str], FieldProblem] = {}
        self.notes: dict[tuple[FieldKind, str], str] = {}  # how a typed value was read ("1,5" as 1.5)
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self._clock = clock
        self._sealed = True
        self._checked_version = -1
        self._assembly = AssemblyCache()
        self._draft: Draft | None = None
        self._result: CheckResult | None = None
        self._dirty_at: tuple[int, str, bool] = (-1, "", False)
        self.recovery_store: RecoveryStore | None = None
        self.recovery: RecoveryWriter | None = None
        self.restored_from: list[RecoveryCopy] = []
        self._autosaved_version = -1
        self._listeners: list[Callable[[str], None]] = []

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, library: Library) -> DraftSession:
        """Read a spec. Parameter values that fail their checks do not stop it: they stay in
        the spec as written (nothing is lost) and their fields are marked invalid."""
        raw = read_bytes(path, max_bytes=MAX_SPEC_BYTES, what="draft spec")
        text = decode_text(raw, str(path), "draft spec")
        spec, locator = parse_spec(text, str(path))
        invalid = _invalid_draft_params(spec, library)
        problems = [
            p
            for p in validate_spec(spec, library, str(path), locator)
            if not any(p.message.startswith(f"params.{name}: ") for name in invalid)
        ]
        if problems:
            raise BadInput(problems)
        session = cls(library, spec, path, raw)
        session.invalid = {("param", name): problem for name, problem in invalid.items()}
        return session

    @classmethod
    def new(
        cls, library: Library, partner: str, path: Path | None = None, *, date: dt.date | None = None
    ) -> DraftSession:
        """A standard draft for a partner; untouched, it has nothing to save."""
        return cls(library, new_spec(library, partner, date=date), path, None)

    # --- listeners -----------------------------------------------------------------------

    def subscribe(self, listener: Callable[[str], None]) -> None:
        """Call `listener` after every change to what the session holds, with the kind of the
        change (a step's kind such as "text" or "move"; "undo", "redo", "save", "reload"; "field"
        when only the fields' invalid marks changed). Views follow the session this way, so no
        caller has to remember to refresh them."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self, kind: str, *, new_version: bool = True) -> None:
        """Every change ends here: a new version (not when only the invalid marks changed: the
        spec, its checks and its file are the same), then the listeners."""
        if new_version:
            self.version += 1
        for listener in list(self._listeners):
            listener(kind)

    # --- state ---------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Changed since it was last saved or opened (a never-saved draft: since it began)."""
        if self._dirty_at[0] != self.version or self._dirty_at[1] is not self.baseline:
            self._dirty_at = (self.version, self.baseline, dumps_spec(self.spec) != self.baseline)
        return self._dirty_at[2]

    def typed_only(self) -> list[FieldProblem]:
        """Refused values that live only in their fields: closing the draft loses them. A value
        read from the file that fails its checks is not one of them: the spec holds it as written."""
        return [
            problem
            for (kind, name), problem in self.invalid.items()
            if not (kind == "param" and name in self.spec.params and str(self.spec.params[name]) == problem.typed)
        ]

    def refresh(self, force: bool = False) -> tuple[Draft, CheckResult]:
        """Assemble and check the current spec (cached until the next edit; `force`: the checks
        themselves changed, as when the term checks become ready)."""
        if force or self._checked_version != self.version or self._draft is None or self._result is None:
            self._draft = assemble(self.spec, self.library, self._assembly)
            self._result = check_draft(self._draft)
            self._checked_version = self.version
        return self._draft, self._result

    @property
    def draft(self) -> Draft:
        return self.refresh()[0]

    @property
    def result(self) -> CheckResult:
        return self.refresh()[1]

    def clause(self, clause_id: str) -> AssembledClause | None:
        return self.draft.clause(clause_id)

    def outline(self) -> list[OutlineEntry]:
        draft, result = self.refresh()
        built = {c.id: c for c in draft.clauses}
        worst: dict[str, str] = {}
        for finding in result.findings:
            if finding.clause and SEVERITY_RANK[finding.severity] > SEVERITY_RANK.get(worst.get(finding.clause, ""), 0):
                worst[finding.clause] = finding.severity
        entries = []
        for clause_id in draft.order:
            clause = built.get(clause_id)
            if clause is not None:
                entries.append(
                    OutlineEntry(
                        clause_id,
                        clause.title,
                        clause.part,
                        clause.heading,
                        clause.status,
                        clause.number,
                        worst.get(clause_id),
                    )
                )
                continue
            library_clause = self.library.clauses.get(clause_id)
            choice = self.spec.clauses.get(clause_id) or ClauseChoice()
            title = library_clause.title if library_clause else (choice.title or clause_id)
            part = library_clause.part if library_clause else (choice.part or "")
            heading = library_clause.heading if library_clause else (choice.heading or "")
            entries.append(OutlineEntry(clause_id, title, part, heading, "omitted", None, None))
        return entries

    def standard_variant(self, clause_id: str) -> str:
        variant = self.library.standard_variant(self.spec, clause_id)
        if variant is None:
            raise KeyError(clause_id)
        return variant

    def variant_switch_replaces_wording(self, clause_id: str, variant_id: str) -> bool:
        """Switching to `variant_id` would replace wording the negotiator edited."""
        clause = self.clause(clause_id)
        return clause is not None and clause.variant != variant_id and clause.status == "edited"

    # --- the history ---------------------------------------------------------------------

    def _snapshot(
        self, clauses: tuple[str, ...], params: tuple[str, ...], order: bool, draft: bool, tables: tuple[str, ...] = ()
    ) -> Snapshot:
        return Snapshot(
            clauses={c: self.spec.clauses.get(c) for c in clauses},
            params={p: self.spec.params.get(p, _UNSET) for p in params},
            clause_keys=tuple(self.spec.clauses) if clauses else None,
            param_keys=tuple(self.spec.params) if params else None,
            order=(list(self.spec.order) if self.spec.order is not None else None) if order else _UNSET,
            draft=self.spec.draft if draft else None,
            tables={name: _copied(getattr(self.spec, name)) for name in tables},
        )

    def _apply(self, snapshot: Snapshot, kind: str) -> None:
        for clause_id, choice in snapshot.clauses.items():
            if choice is None:
                self.spec.clauses.pop(clause_id, None)
            else:
                self.spec.clauses[clause_id] = choice
        for name, value in snapshot.params.items():
            if value is _UNSET:
                self.spec.params.pop(name, None)
            else:
                self.spec.params[name] = value
        if snapshot.clause_keys is not None:
            self.spec.clauses = {k: self.spec.clauses[k] for k in snapshot.clause_keys if k in self.spec.clauses}
        if snapshot.param_keys is not None:
            self.spec.params = {k: self.spec.params[k] for k in snapshot.param_keys if k in self.spec.params}
        if snapshot.order is not _UNSET:
            self.spec.order = list(snapshot.order) if snapshot.order is not None else None
        if snapshot.draft is not None:
            self.spec.draft = snapshot.draft
        for name, value in snapshot.tables.items():
            setattr(self.spec, name, _copied(value))
        for name in snapshot.params:
            self.invalid.pop(("param", name), None)
            self.notes.pop(("param", name), None)
        if snapshot.draft is not None:
            for name in META_LABELS:
                self.invalid.pop(("draft", name), None)
        self._changed(kind)

    def _edit(
        self,
        label: str,
        clause: str | None,
        change: Callable[[], None],
        *,
        kind: str = "edit",
        clauses: tuple[str, ...] = (),
        params: tuple[str, ...] = (),
        order: bool = False,
        draft: bool = False,
        tables: tuple[str, ...] = (),
    ) -> bool:
        """Run `change` as one undoable step; returns False when it changed nothing."""
        before = self._snapshot(clauses, params, order, draft, tables)
        change()
        after = self._snapshot(clauses, params, order, draft, tables)
        if before == after:
            return False
        now = self._clock()
        last = self.undo_stack[-1] if self.undo_stack else None
        typing_on = last is not None and last.kind == kind and last.clause == clause and now - last.at < TYPING_PAUSE
        if kind in TYPING and not self._sealed and typing_on:
            last.after, last.at = after, now
        else:
            self.undo_stack.append(Step(label, clause, kind, before, after, now))
        self._sealed = kind not in TYPING
        self.redo_stack.clear()
        self._changed(kind)
        return True

    def seal(self) -> None:
        """End the current typing step: the next keystroke starts a new one."""
        self._sealed = True

    def undo(self) -> Step | None:
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        self._apply(step.before, "undo")
        self.redo_stack.append(step)
        self._sealed = True
        return step

    def redo(self) -> Step | None:
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        self._apply(step.after, "redo")
        self.undo_stack.append(step)
        self._sealed = True
        return step

    # --- editing -------------------------------------------------------------------------

    def _choice(self, clause_id: str) -> ClauseChoice:
        return self.spec.clauses.get(clause_id) or ClauseChoice()

    def _store(self, clause_id: str, choice: ClauseChoice) -> None:
        in_profile = clause_id in self.library.profile_for(self.spec).clauses
        if choice.is_default() and in_profile:
            self.spec.clauses.pop(clause_id, None)
        else:
            self.spec.clauses[clause_id] = choice

    def _title(self, clause_id: str) -> str:
        clause = self.library.clauses.get(clause_id)
        if clause is not None:
            return clause.title
        choice = self.spec.clauses.get(clause_id)
        return (choice.title if choice and choice.title else None) or clause_id

    def set_text(self, clause_id: str, text: str) -> bool:
        """New English wording for a clause; wording equal to its variant's is no override at
        all. The Ukrainian becomes stale, unless it was the English that had fallen behind."""
        return self._set_wording(clause_id, "en", text)

    def set_text_uk(self, clause_id: str, text: str) -> bool:
        """New Ukrainian wording for a clause, the same way round."""
        return self._set_wording(clause_id, "uk", text)

    def _set_wording(self, clause_id: str, language: TextLanguage, text: str) -> bool:
        choice = self._choice(clause_id)
        field = "text" if language == "en" else "text_uk"
        variant = self._variant_of(clause_id, choice)
        if variant is not None:
            library_text = variant.text if language == "en" else variant.text_uk
            override = None if text.strip() == library_text.strip() else text
        else:
            override = text if text.strip() or language == "en" else None
        if getattr(choice, field) == override:
            return False
        english, ukrainian, current = self._pair(clause_id, choice)
        marker = marker_after_edit(language, english, ukrainian, current)
        updated = choice.model_copy(update={field: override})
        updated = updated.model_copy(update={"confirmed": self._kept_marker(clause_id, updated, marker)})
        what = "wording" if language == "en" else "Ukrainian wording"

        def change() -> None:
            self._store(clause_id, updated)
            if language == "en":  # the register follows the English; a bracket in one text only is a finding
                self._sync_brackets(clause_id, text)

        return self._edit(
            f"Edit the {what} of {self._title(clause_id)}",
            clause_id,
            change,
            kind="text" if language == "en" else "text_uk",
            clauses=(clause_id,),
            tables=("brackets",),
        )

    def confirm_match(self, clause_id: str) -> bool:
        """The negotiator has read both texts and they say the same: neither is stale now,
        until one of them is edited again. False when there is nothing to confirm."""
        choice = self._choice(clause_id)
        english, ukrainian, _ = self._pair(clause_id, choice)
        if not ukrainian.strip():
            return False
        marker = self._kept_marker(clause_id, choice, Marker.of(english, ukrainian))
        updated = choice.model_copy(update={"confirmed": marker})
        if updated == choice:
            return False
        return self._edit(
            f"Confirm that both texts of {self._title(clause_id)} match",
            clause_id,
            lambda: self._store(clause_id, updated),
            kind="confirm",
            clauses=(clause_id,),
        )

    def _sync_brackets(self, clause_id: str, text: str) -> None:
        """[A / B] typed in the wording is a bracket of the register (an option their
        proposal for this clause wrote is theirs, any other is ours)."""
        if "[" not in text and not any(b.clause == clause_id for b in self.spec.brackets):
            return
        theirs = {p.theirs for p in self.spec.proposals if p.clause == clause_id and p.theirs}
        ours = {p.ours for p in self.spec.proposals if p.clause == clause_id}
        proposer: dict[str, Side] = {}
        for alternatives in alternatives_in(text):
            for option in alternatives.options:
                if any(option in t for t in theirs) and not any(option in o for o in ours):
                    proposer[option] = "partner"
        self.spec.brackets = sync_clause(self.spec.brackets, clause_id, text, working_round(self.spec), proposer)

    def _variant_of(self, clause_id: str, choice: ClauseChoice):  # type: ignore[no-untyped-def]
        clause = self.library.clauses.get(clause_id)
        return None if clause is None else clause.variant(choice.variant or self.standard_variant(clause_id))

    def _pair(self, clause_id: str, choice: ClauseChoice) -> tuple[str, str, Marker | None]:
        """A clause's English and Ukrainian wording as they stand, and what they are compared with."""
        variant = self._variant_of(clause_id, choice)
        english = choice.text if choice.text is not None else (variant.text if variant else "")
        ukrainian = choice.text_uk if choice.text_uk is not None else (variant.text_uk if variant else "")
        pair = baseline(choice, variant.text if variant else None, variant.text_uk if variant else "")
        return english, ukrainian, pair

    def _kept_marker(self, clause_id: str, choice: ClauseChoice, marker: Marker | None) -> str | None:
        """The marker as the spec keeps it: none where the library's pair says the same (a
        clause without overrides, or one confirmed back to its variant's texts)."""
        variant = self._variant_of(clause_id, choice)
        if marker is None or variant is None:
            return None if marker is None else str(marker)
        library_pair = Marker.of(variant.text, variant.text_uk)
        if marker == library_pair or (choice.text is None and choice.text_uk is None):
            return None
        return str(marker)

    def set_variant(self, clause_id: str, variant_id: str) -> bool:
        """Switch variant; edited wording is replaced by the variant's (undo brings it back)."""
        clause = self.library.clauses[clause_id]
        if variant_id not in clause.variant_ids:
            raise KeyError(variant_id)
        standard = self.standard_variant(clause_id)
        choice = self._choice(clause_id).model_copy(
            update={
                "variant": None if variant_id == standard else variant_id,
                "text": None,
                "text_uk": None,
                "confirmed": None,
            }
        )
        return self._edit(
            f"Switch {clause.title} to '{clause.variant(variant_id).label}'",
            clause_id,
            lambda: self._store(clause_id, choice),
            kind="variant",
            clauses=(clause_id,),
        )

    def set_include(self, clause_id: str, include: bool) -> bool:
        """Omit or include a clause. An omitted custom clause keeps its wording in the spec
        (include = false), so that including it again, or undo, finds it."""
        choice = self._choice(clause_id).model_copy(update={"include": include})
        verb = "Include" if include else "Omit"
        return self._edit(
            f"{verb} {self._title(clause_id)}",
            clause_id,
            lambda: self._store(clause_id, choice),
            kind="include",
            clauses=(clause_id,),
        )

    def add_clause(self, clause_id: str, variant_id: str | None = None) -> bool:
        """Include a library clause (or switch it to `variant_id` if it is already in)."""
        if clause_id not in self.library.clauses:
            raise KeyError(clause_id)
        choice = self._choice(clause_id).model_copy(update={"include": True})
        if variant_id is not None and variant_id != self.standard_variant(clause_id):
            choice = choice.model_copy(update={"variant": variant_id, "text": None, "text_uk": None, "confirmed": None})

        def change() -> None:
            if clause_id not in self.library.profile_for(self.spec).clauses and choice.is_default():
                self.spec.clauses[clause_id] = choice  # an added clause keeps its (empty) entry
            else:
                self._store(clause_id, choice)

        return self._edit(f"Add {self._title(clause_id)}", clause_id, change, kind="add", clauses=(clause_id,))

    def add_custom_clause(self, part: str, title: str, text: str, heading: str | None = None) -> str:
        """A clause of our own wording in a Part; returns its new id."""
        if part not in self.library.parts:
            raise KeyError(part)
        number = 1
        while f"{CUSTOM_PREFIX}c{number}" in self.spec.clauses:
            number += 1
        clause_id = f"{CUSTOM_PREFIX}c{number}"
        choice = ClauseChoice(part=part, title=title, heading=heading, text=text)
        self._edit(
            f"Add {title}",
            clause_id,
            lambda: self.spec.clauses.__setitem__(clause_id, choice),
            kind="add",
            clauses=(clause_id,),
        )
        return clause_id

    def move(self, clause_id: str, step: int) -> bool:
        """Move a clause up (-1) or down (+1) within its Part and subheading; False when it
        cannot move."""
        order = effective_order(self.spec, self.library)
        if clause_id not in order:
            return False
        index = order.index(clause_id)
        target = index + step
        if not 0 <= target < len(order):
            return False
        place = {e.clause_id: (e.part, e.heading) for e in self.outline()}
        if place.get(order[target]) != place.get(clause_id):
            return False
        order[index], order[target] = order[target], order[index]
        return self._edit(
            f"Move {self._title(clause_id)}",
            clause_id,
            lambda: setattr(self.spec, "order", order),
            kind="move",
            order=True,
        )

    def set_param(self, name: str, raw: str) -> str | None:
        """Set a draft-level parameter from what the user typed. Returns the message to show
        under the field: an error (the field is then invalid and the spec keeps its value) or
        a note on how the value was read. An empty value restores the default."""
        spec = self.library.params.get(name)
        key: tuple[FieldKind, str] = ("param", name)
        self.notes.pop(key, None)
        if spec is None:
            return f"unknown parameter {name}"
        if not raw.strip():
            self._accept(key)
            if name in self.spec.params and name != "partner_name":
                self._edit(
                    f"Clear {spec.label}",
                    DRAFT_DETAILS,
                    lambda: self.spec.params.pop(name),
                    kind="param",
                    params=(name,),
                )
            return None
        value: Any = raw.strip()
        note = None
        if spec.type in ("integer", "decimal"):
            value, error, note = parse_number(raw, integer=spec.type == "integer")
            if error:
                return self._refuse(key, spec.label, error, raw)
        value, error = check_value(spec, value)
        if error:
            return self._refuse(key, spec.label, error, raw)
        self._accept(key)
        if note:
            self.notes[key] = note
        if self.spec.params.get(name, _UNSET) != value or type(self.spec.params.get(name)) is not type(value):
            self._edit(
                f"Set {spec.label}",
                DRAFT_DETAILS,
                lambda: self.spec.params.__setitem__(name, value),
                kind="param",
                params=(name,),
            )
        return note

    def set_meta(self, name: str, raw: str) -> str | None:
        """Partner, round, date or status of the draft; returns an error or None."""
        key: tuple[FieldKind, str] = ("draft", name)
        label = META_LABELS.get(name, name)
        meta = self.spec.draft
        raw = raw.strip()
        update: dict[str, Any]
        try:
            if name == "partner":
                if not raw:
                    return self._refuse(key, label, "the partner's name is needed", raw)
                problem = partner_name_problem(raw, self.library)
                if problem:
                    return self._refuse(key, label, problem, raw)
                update = {"partner": raw}
            elif name == "round":
                round_number = int(raw)
                if not 1 <= round_number <= 999:
                    return self._refuse(key, label, "a round from 1 to 999", raw)
                update = {"round": round_number}
            elif name == "date":
                update = {"date": dt.date.fromisoformat(raw)}
            elif name == "status":
                if raw not in ("working", "final"):
                    return self._refuse(key, label, "working or final", raw)
                update = {"status": raw}
            else:
                return self._refuse(key, label, f"unknown field {name}", raw)
        except ValueError:
            return self._refuse(
                key, label, "expected a whole number" if name == "round" else "expected a date such as 2026-11-20", raw
            )
        self._accept(key)
        if all(getattr(meta, k) == v for k, v in update.items()):
            return None
        partner_params = (
            "partner_name",
            "partner_formal_name",
            "partner_adjective",
            "place_of_signature",
            "partner_language",
        )

        def change() -> None:
            self.spec.draft = meta.model_copy(update=update)
            if name == "partner":
                self._fill_partner(raw)

        self._edit(
            f"Set {label}",
            DRAFT_DETAILS,
            change,
            kind="meta",
            draft=True,
            params=partner_params if name == "partner" else (),
        )
        return None

    def _fill_partner(self, partner: str) -> None:
        """A partner from the partner table brings its formal name, adjective, place, language."""
        self.spec.params.update(self.library.partner_params(partner))

    def _refuse(self, key: tuple[FieldKind, str], label: str, message: str, typed: str) -> str:
        self.invalid[key] = FieldProblem(label, message, typed)
        self._changed("field", new_version=False)
        return message

    def _accept(self, key: tuple[FieldKind, str]) -> None:
        """A field's value was accepted: it is no longer marked invalid."""
        if self.invalid.pop(key, None) is not None:
            self._changed("field", new_version=False)

    def replace_spec(self, spec: DraftSpec, label: str) -> None:
        """Replace the whole draft (a restored recovery copy, a reload): one undoable step."""
        everything = tuple(set(self.spec.clauses) | set(spec.clauses))
        names = tuple(set(self.spec.params) | set(spec.params))

        def change() -> None:
            self.spec.clauses = {k: v for k, v in spec.clauses.items()}
            self.spec.params = dict(spec.params)
            self.spec.order = list(spec.order) if spec.order is not None else None
            self.spec.draft = spec.draft
            for table in NEGOTIATION_TABLES:
                setattr(self.spec, table, _copied(getattr(spec, table)))

        self._edit(
            label,
            None,
            change,
            kind="replace",
            clauses=everything,
            params=names,
            order=True,
            draft=True,
            tables=NEGOTIATION_TABLES,
        )

    # --- negotiation rounds ---------------------------------------------------------------

    @property
    def working_round(self) -> int:
        return working_round(self.spec)

    def import_round(self, plan: ImportPlan) -> None:
        """Their answer's proposals into the spec, as one step; our wording is untouched."""
        from bsa_drafter.round_import import apply_import

        imported = apply_import(self.spec, plan)

        def change() -> None:
            self.spec.proposals, self.spec.rounds = imported.proposals, imported.rounds

        label = f"Import their answer to round {plan.round} ({len(plan.proposals)} proposals)"
        self._edit(label, None, change, kind="import", tables=("proposals", "rounds"))

    def decide(self, proposal_id: str, kind: DecisionKind, *, reason: str = "", wording: str | None = None) -> Effect:
        """Accept, reject, counter or bracket one of their proposals: one undoable step.
        Raises DecisionRefused with the reason when the decision cannot be taken."""
        proposal = find_proposal(self.spec, proposal_id)
        effect = decide(self.spec, self.draft, proposal, kind, self.working_round, reason=reason, wording=wording)

        def change() -> None:
            if effect.choice is None:
                self.spec.clauses.pop(effect.clause, None)
            elif effect.choice.is_default() and effect.clause in self.library.profile_for(self.spec).clauses:
                self.spec.clauses.pop(effect.clause, None)
            else:
                self.spec.clauses[effect.clause] = effect.choice
            if effect.order is not None:
                self.spec.order = effect.order
            self.spec.brackets = effect.brackets
            self.spec.proposals = [effect.proposal if p.id == proposal_id else p for p in self.spec.proposals]

        verb = {"accept": "Accept", "reject": "Reject", "counter": "Counter", "bracket": "Bracket"}[kind]
        self._edit(
            f"{verb} {proposal_id} ({self._title(effect.clause)})",
            effect.clause,
            change,
            kind="decision",
            clauses=(effect.clause,),
            order=effect.order is not None,
            tables=("proposals", "brackets"),
        )
        return effect

    def choose_bracket(self, bracket_id: str, option: int) -> bool:
        """Close a bracket on one of its options (1 = the first): the option replaces the
        bracket in the wording. Raises DecisionRefused when that cannot be done."""
        bracket = next((b for b in self.spec.brackets if b.id == bracket_id), None)
        if bracket is None:
            raise DecisionRefused(f"no bracket {bracket_id} in the register")
        if not bracket.is_open:
            raise DecisionRefused(f"bracket {bracket_id} was closed in round {bracket.closed}")
        if not 1 <= option <= len(bracket.options):
            raise DecisionRefused(f"bracket {bracket_id} has {len(bracket.options)} options")
        clause = self.clause(bracket.clause)
        text = choose_option(clause.source_text, bracket, option) if clause is not None else None
        if clause is None or text is None:
            raise DecisionRefused(
                f"bracket {bracket_id} is no longer in the wording of {bracket.clause} as registered: edit the wording"
            )
        closed = bracket.model_copy(update={"resolution": "chosen", "chosen": option, "closed": self.working_round})
        choice = self._choice(bracket.clause)
        library_clause = self.library.clauses.get(bracket.clause)
        override: str | None = text
        if library_clause is not None:
            variant = library_clause.variant(choice.variant or self.standard_variant(bracket.clause))
            override = None if text.strip() == variant.text.strip() else text

        def change() -> None:
            self.spec.brackets = [closed if b.id == bracket_id else b for b in self.spec.brackets]
            self._store(bracket.clause, choice.model_copy(update={"text": override}))

        return self._edit(
            f"Close bracket {bracket_id} on option {option}",
            bracket.clause,
            change,
            kind="bracket",
            clauses=(bracket.clause,),
            tables=("brackets",),
        )

    def set_issue(
        self, key: str, *, status: IssueStatus | None | Any = _UNSET, owner: str | None = None, note: str | None = None
    ) -> bool:
        """Status (None: as the negotiation shows it), owner or note of one issues-list row."""
        current = self.spec.issues.get(key, IssueNote())
        update: dict[str, Any] = {}
        if status is not _UNSET:
            update["status"] = status
        if owner is not None:
            update["owner"] = owner.strip()
        if note is not None:
            update["note"] = note.strip()
        updated = current.model_copy(update=update)

        def change() -> None:
            issues = dict(self.spec.issues)
            if updated == IssueNote():
                issues.pop(key, None)
            else:
                issues[key] = updated
            self.spec.issues = issues

        return self._edit(f"Issue {key}", None, change, kind="issue", tables=("issues",))

    def move_to_next_round(self, sent: dt.date, author: str) -> int:
        """Our answer goes out: the draft becomes round N+1, sent today under `author`."""
        number = self.spec.draft.round + 1
        meta = self.spec.draft.model_copy(update={"round": number, "date": sent})
        record = RoundRecord(round=number, sent=sent, author=author)

        def change() -> None:
            self.spec.draft = meta
            self.spec.rounds = with_record(self.spec, record)

        self._edit(f"Move to round {number}", DRAFT_DETAILS, change, kind="meta", draft=True, tables=("rounds",))
        return number

    def export_blockers(self) -> list[str]:
        """Invalid values: export waits until they are fixed."""
        return [str(problem) for problem in self.invalid.values()]

    # --- files ---------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        if self.path is None or self.disk_bytes is None:
            return False
        try:
            return self.path.read_bytes() != self.disk_bytes
        except FileNotFoundError:
            return True
        except OSError:
            return False

    def save(self, path: Path | None = None, *, force: bool = False) -> Path:
        """Save atomically. To the file it was opened from, only if that file still holds what
        was read (checked and replaced under one lock), else ChangedOnDisk; `force` or another
        path overwrites. Failures are BadInput with the reason."""
        target = path or self.path
        if target is None:
            raise ValueError("no file name yet: use save as")
        text = dumps_spec(self.spec)
        data = text.encode("utf-8")
        if target == self.path and not force and self.saved_once:
            replace_if_unchanged(target, data, self.disk_bytes, what="draft spec")
        else:
            atomic_write_bytes(target, data, what="draft spec")
        moved = target != self.path
        self.path = target
        self.disk_bytes = data
        self.baseline = text
        self.saved_once = True
        self._changed("save")
        self._work_is_safe(moved)
        return target

    def reload(self) -> None:
        """Take the spec as it is on disk now; the replaced edits can be brought back with undo."""
        if self.path is None:
            return
        fresh = DraftSession.open(self.path, self.library)
        self.replace_spec(fresh.spec, "Reload from disk")
        self.disk_bytes, self.baseline = fresh.disk_bytes, fresh.baseline
        self.invalid = dict(fresh.invalid)
        self._changed("reload")

    # --- recovery copies ------------------------------------------------------------------

    def attach_recovery(self, store: RecoveryStore) -> None:
        """Write recovery copies into `store` from now on (the drafting app does this)."""
        self.recovery_store = store
        self.recovery = store.writer(self.path)
        self._autosaved_version = -1

    def autosave(self) -> Path | None:
        """Write this session's recovery copy if anything changed since the last one; when the
        edits were undone back to the saved state, the copy has nothing to hold: remove it."""
        if self.recovery is None or self.version == self._autosaved_version:
            return None
        self._autosaved_version = self.version
        if not self.dirty:
            self.recovery.discard()
            return None
        return self.recovery.write(dumps_spec(self.spec))

    def recovery_to_offer(self) -> list[RecoveryCopy]:
        """Copies of this spec left by sessions that ended abnormally and that hold something
        the spec on disk does not, newest first. Copies equal to the spec are removed."""
        if self.recovery_store is None:
            return []
        offered = []
        disk_text = self.disk_bytes.decode("utf-8", "replace") if self.disk_bytes is not None else None
        for copy in self.recovery_store.left_behind(self.path):
            if disk_text is not None and copy.text == disk_text:
                copy.discard()
            else:
                offered.append(copy)
        return offered

    def restore(self, copy: RecoveryCopy) -> None:
        """Take a recovery copy's content (undo returns to what was there). The copy is kept
        until the draft is saved."""
        spec, locator = parse_spec(copy.text, str(copy.path))
        problems = [p for p in validate_spec(spec, self.library, str(copy.path), locator) if "params." not in p.message]
        if problems:
            raise BadInput(problems)
        self.replace_spec(spec, f"Restore the recovery copy of {copy.written:%d %b %H:%M}")
        self.invalid.update({("param", n): p for n, p in _invalid_draft_params(spec, self.library).items()})
        self.restored_from.append(copy)
        self._changed("field", new_version=False)

    def close(self) -> None:
        """The user is done with this session: unsaved work was saved or deliberately dropped,
        and so was any recovery copy it had restored (else a later start would offer it again,
        over newer work)."""
        for copy in self.restored_from:
            copy.discard()
        self.restored_from.clear()
        if self.recovery is not None:
            self.recovery.discard()

    def _work_is_safe(self, moved: bool) -> None:
        """After a save: nothing is left to recover."""
        for copy in self.restored_from:
            copy.discard()
        self.restored_from.clear()
        if self.recovery is not None:
            self.recovery.discard()
            if moved and self.recovery_store is not None:
                self.recovery = self.recovery_store.writer(self.path)
        self._autosaved_version = self.version


def _copied(table: Any) -> Any:
    """A table of the negotiation (a list or a dict of rows), the container copied: rows are
    replaced, never changed in place, so they can be shared."""
    return dict(table) if isinstance(table, dict) else list(table)


def _invalid_draft_params(spec: DraftSpec, library: Library) -> dict[str, FieldProblem]:
    """Draft-level parameters whose values fail their checks: opened, but marked."""
    invalid = {}
    for name, value in spec.params.items():
        param = library.params.get(name)
        if param is None:
            continue
        _, error = check_value(param, value)
        if error:
            invalid[name] = FieldProblem(param.label, error, str(value))
    return invalid
