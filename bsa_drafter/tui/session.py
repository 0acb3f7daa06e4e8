"""The drafting session behind the TUI: the spec being edited, its checks, and its files.

No Textual here: screens and widgets call these methods and show the results, so every rule
about editing, saving and recovering work is testable without a terminal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bsa_drafter.assemble import AssembledClause, Draft, assemble, effective_order
from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.files import atomic_write_text
from bsa_drafter.models import CUSTOM_PREFIX, SEVERITY_RANK, ClauseChoice, DraftSpec, Finding, Library
from bsa_drafter.params import check_value
from bsa_drafter.playbook import CheckResult, check_draft
from bsa_drafter.spec import dumps_spec, load_spec, new_spec, parse_spec, validate_spec

DRAFT_DETAILS = "draft"  # the outline entry for the draft's meta data and signature parameters
UNTITLED = "[partner]"


class ChangedOnDisk(Exception):
    """The spec file changed since it was opened; saving would overwrite someone's work."""


@dataclass(frozen=True)
class OutlineEntry:
    clause_id: str
    title: str
    part: str
    status: str  # standard | variant | edited | added | custom | omitted
    number: int | None
    severity: str | None


def recovery_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "bsa-drafter" / "recovery"


class DraftSession:
    def __init__(self, library: Library, spec: DraftSpec, path: Path | None, disk_text: str | None, mtime_ns: int | None):
        self.library = library
        self.spec = spec
        self.path = path
        self.disk_text = disk_text  # the file as we last read or wrote it (None: never saved)
        self.mtime_ns = mtime_ns
        self.baseline = dumps_spec(spec) if disk_text is not None else None  # the spec as last saved or opened
        self.version = 0
        self.invalid: dict[str, str] = {}  # field -> message, for values the user typed that we refused
        self._checked_version = -1
        self._draft: Draft | None = None
        self._result: CheckResult | None = None
        self._recovered_version = 0
        self._wrote_recovery = False
        self._dirty_at: tuple[int, bool, str | None] = (-1, True, None)

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, library: Library) -> DraftSession:
        spec_file = load_spec(path, library)
        return cls(library, spec_file.spec, path, spec_file.text, path.stat().st_mtime_ns)

    @classmethod
    def new(cls, library: Library, partner: str | None = None, path: Path | None = None) -> DraftSession:
        spec = new_spec(library, partner or UNTITLED)
        session = cls(library, spec, path, None, None)
        session.version = 1  # never saved: unsaved from the start
        return session

    # --- state ---------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        if self._dirty_at[0] != self.version or self._dirty_at[2] is not self.baseline:
            self._dirty_at = (self.version, self.baseline is None or dumps_spec(self.spec) != self.baseline, self.baseline)
        return self._dirty_at[1]

    @property
    def title(self) -> str:
        meta = self.spec.draft
        name = self.path.name if self.path else "unsaved draft"
        return f"{meta.partner} \u2014 round {meta.round} \u2014 {meta.status} \u2014 {name}"

    def refresh(self) -> tuple[Draft, CheckResult]:
        """Assemble and check the current spec (cached until the next edit)."""
        if self._checked_version != self.version or self._draft is None or self._result is None:
            self._draft = assemble(self.spec, self.library)
            self._result = check_draft(self._draft)
            self._checked_version = self.version
        return self._draft, self._result

    @property
    def draft(self) -> Draft:
        return self.refresh()[0]

    @property
    def result(self) -> CheckResult:
        return self.refresh()[1]

    def _changed(self) -> None:
        self.version += 1

    def outline(self) -> list[OutlineEntry]:
        draft, result = self.refresh()
        built = {c.id: c for c in draft.clauses}
        worst: dict[str, str] = {}
        for finding in result.findings:
            if finding.clause and SEVERITY_RANK[finding.severity] > SEVERITY_RANK.get(worst.get(finding.clause, ""), 0):
                worst[finding.clause] = finding.severity
        entries = []
        for clause_id in effective_order(self.spec, self.library):
            clause = built.get(clause_id)
            if clause is not None:
                entries.append(OutlineEntry(clause_id, clause.title, clause.part, clause.status, clause.number, worst.get(clause_id)))
                continue
            library_clause = self.library.clauses.get(clause_id)
            choice = self.spec.clauses.get(clause_id) or ClauseChoice()
            title = library_clause.title if library_clause else (choice.title or clause_id)
            part = library_clause.part if library_clause else (choice.part or "")
            entries.append(OutlineEntry(clause_id, title, part, "omitted", None, None))
        return entries

    def clause(self, clause_id: str) -> AssembledClause | None:
        return self.draft.clause(clause_id)

    def findings_for(self, clause_id: str) -> list[Finding]:
        return [f for f in self.result.findings if f.clause == clause_id]

    # --- editing -------------------------------------------------------------------------

    def _choice(self, clause_id: str) -> ClauseChoice:
        return self.spec.clauses.get(clause_id) or ClauseChoice()

    def _store(self, clause_id: str, choice: ClauseChoice) -> None:
        in_profile = clause_id in self.library.profiles[self.spec.draft.profile].clauses
        if choice.is_default() and in_profile:
            self.spec.clauses.pop(clause_id, None)
        else:
            self.spec.clauses[clause_id] = choice
        self._changed()

    def set_text(self, clause_id: str, text: str) -> None:
        """New wording for a clause; wording equal to its variant's is no override at all."""
        choice = self._choice(clause_id)
        clause = self.library.clauses.get(clause_id)
        if clause is not None:
            variant_text = clause.variant(choice.variant or self._standard_variant(clause_id)).text
            override = None if text.strip() == variant_text.strip() else text
        else:
            override = text
        if choice.text == override:
            return
        self._store(clause_id, choice.model_copy(update={"text": override}))

    def set_variant(self, clause_id: str, variant_id: str) -> None:
        """Switch variant; this replaces edited wording with the variant's."""
        clause = self.library.clauses[clause_id]
        if variant_id not in clause.variant_ids:
            raise KeyError(variant_id)
        standard = self._standard_variant(clause_id)
        choice = self._choice(clause_id).model_copy(update={"variant": None if variant_id == standard else variant_id, "text": None})
        self._store(clause_id, choice)

    def _standard_variant(self, clause_id: str) -> str:
        clause = self.library.clauses[clause_id]
        return self.library.profiles[self.spec.draft.profile].variants.get(clause_id, clause.default_variant or clause.variant_ids[0])

    def set_include(self, clause_id: str, include: bool) -> None:
        choice = self._choice(clause_id).model_copy(update={"include": include})
        if clause_id.startswith(CUSTOM_PREFIX) and not include:
            self.spec.clauses.pop(clause_id, None)
            if self.spec.order is not None and clause_id in self.spec.order:
                self.spec.order.remove(clause_id)
            self._changed()
            return
        self._store(clause_id, choice)

    def add_clause(self, clause_id: str, variant_id: str | None = None) -> None:
        """Include a library clause (or switch it to `variant_id` if it is already in)."""
        if clause_id not in self.library.clauses:
            raise KeyError(clause_id)
        choice = self._choice(clause_id).model_copy(update={"include": True})
        if variant_id is not None and variant_id != self._standard_variant(clause_id):
            choice = choice.model_copy(update={"variant": variant_id, "text": None})
        if clause_id not in self.library.profiles[self.spec.draft.profile].clauses and choice.is_default():
            self.spec.clauses[clause_id] = choice  # an added clause keeps its (empty) entry
            self._changed()
        else:
            self._store(clause_id, choice)

    def move(self, clause_id: str, step: int) -> bool:
        """Move a clause up (-1) or down (+1) within its part; False when it cannot move."""
        order = effective_order(self.spec, self.library)
        if clause_id not in order:
            return False
        index = order.index(clause_id)
        target = index + step
        if not 0 <= target < len(order):
            return False
        part_of = {e.clause_id: e.part for e in self.outline()}
        if part_of.get(order[target]) != part_of.get(clause_id):
            return False
        order[index], order[target] = order[target], order[index]
        self.spec.order = order
        self._changed()
        return True

    def set_param(self, name: str, raw: str) -> str | None:
        """Set a draft-level parameter from what the user typed; returns an error or None.
        An empty value removes the parameter, so its default applies again."""
        spec = self.library.params.get(name)
        if spec is None:
            return f"unknown parameter {name}"
        key = f"param:{name}"
        if not raw.strip():
            self.invalid.pop(key, None)
            if name in self.spec.params and name != "partner_name":
                del self.spec.params[name]
                self._changed()
            return None
        value: Any = raw.strip()
        if spec.type == "integer":
            try:
                value = int(value)
            except ValueError:
                return self._refuse(key, "expected a whole number")
        elif spec.type == "decimal":
            try:
                value = float(value.replace(",", ""))
            except ValueError:
                return self._refuse(key, "expected a number")
            if value.is_integer():
                value = int(value)  # "25" stays 25 in the spec, as a person would write it
        value, error = check_value(spec, value)
        if error:
            return self._refuse(key, error)
        self.invalid.pop(key, None)
        if self.spec.params.get(name) != value:
            self.spec.params[name] = value
            self._changed()
        return None

    def set_meta(self, name: str, raw: str) -> str | None:
        """Partner, round, date or status of the draft; returns an error or None."""
        key = f"draft:{name}"
        meta = self.spec.draft
        raw = raw.strip()
        try:
            if name == "partner":
                if not raw:
                    return self._refuse(key, "the partner's name is needed")
                update: dict[str, Any] = {"partner": raw}
                if raw != meta.partner:
                    self._fill_partner(raw)
            elif name == "round":
                round_number = int(raw)
                if not 1 <= round_number <= 999:
                    return self._refuse(key, "a round from 1 to 999")
                update = {"round": round_number}
            elif name == "date":
                update = {"date": dt.date.fromisoformat(raw)}
            elif name == "status":
                if raw not in ("working", "final"):
                    return self._refuse(key, "working or final")
                update = {"status": raw}
            else:
                return self._refuse(key, f"unknown field {name}")
        except ValueError:
            return self._refuse(key, "expected a whole number" if name == "round" else "expected a date such as 2026-11-20")
        self.invalid.pop(key, None)
        if any(getattr(meta, k) != v for k, v in update.items()):
            self.spec.draft = meta.model_copy(update=update)
            self._changed()
        return None

    def _fill_partner(self, partner: str) -> None:
        """A partner from the partner table brings its formal name, adjective, place, language."""
        self.spec.params["partner_name"] = partner
        known = self.library.partner(partner)
        if known is None:
            return
        self.spec.params["partner_name"] = known.name
        for name, value in (
            ("partner_formal_name", known.formal_name),
            ("partner_adjective", known.adjective),
            ("place_of_signature", known.place),
            ("partner_language", known.language),
        ):
            if value:
                self.spec.params[name] = value

    def _refuse(self, key: str, message: str) -> str:
        self.invalid[key] = message
        return message

    # --- files ---------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        if self.path is None or self.mtime_ns is None or not self.path.exists():
            return False
        if self.path.stat().st_mtime_ns == self.mtime_ns:
            return False
        return self.path.read_text(encoding="utf-8", errors="replace") != self.disk_text

    def save(self, path: Path | None = None, *, force: bool = False) -> Path:
        """Save atomically. Refuses (ChangedOnDisk) to overwrite a file changed since it was
        opened, unless `force`; saving to another path is always allowed."""
        target = path or self.path
        if target is None:
            raise ValueError("no file name yet: use save as")
        if target == self.path and not force and self.changed_on_disk():
            raise ChangedOnDisk(str(target))
        text = dumps_spec(self.spec)
        atomic_write_text(target, text)
        previous_recovery = self.recovery_path()
        self.path = target
        self.disk_text = self.baseline = text
        self.mtime_ns = target.stat().st_mtime_ns
        self.discard_recovery(previous_recovery)
        self.discard_recovery()
        return target

    def reload(self) -> None:
        """Replace the session with the spec as it is on disk now."""
        if self.path is None:
            return
        fresh = DraftSession.open(self.path, self.library)
        self.spec, self.disk_text, self.baseline, self.mtime_ns = fresh.spec, fresh.disk_text, fresh.baseline, fresh.mtime_ns
        self.invalid.clear()
        self._changed()

    def recovery_path(self) -> Path:
        if self.path is not None:
            key = hashlib.sha256(str(self.path.resolve()).encode()).hexdigest()[:16]
            return recovery_dir() / f"{self.path.stem}-{key}.toml"
        return recovery_dir() / "untitled.toml"

    def autosave(self) -> Path | None:
        """Write the recovery file if anything changed since the last one. When the edits were
        undone back to the saved state, our recovery file has nothing left to recover: drop it."""
        if self.version == self._recovered_version:
            return None
        self._recovered_version = self.version
        if not self.dirty:
            self.forget_own_recovery()
            return None
        target = atomic_write_text(self.recovery_path(), dumps_spec(self.spec))
        self._wrote_recovery = True
        return target

    def forget_own_recovery(self) -> None:
        """Remove the recovery file this session wrote (one left by an earlier crash stays)."""
        if self._wrote_recovery:
            self.discard_recovery()
            self._wrote_recovery = False

    def recovery_to_offer(self) -> Path | None:
        """A recovery file newer than the spec on disk (left by a crash), if there is one."""
        recovery = self.recovery_path()
        if not recovery.exists():
            return None
        if self.path is not None and self.path.exists() and self.path.stat().st_mtime_ns >= recovery.stat().st_mtime_ns:
            return None
        if self.disk_text is not None and recovery.read_text(encoding="utf-8", errors="replace") == self.disk_text:
            self.discard_recovery()  # nothing in it that the spec does not already hold
            return None
        return recovery

    def restore(self, recovery: Path) -> None:
        text = recovery.read_text(encoding="utf-8")
        spec, locator = parse_spec(text, str(recovery))
        problems = validate_spec(spec, self.library, str(recovery), locator)
        if problems:
            raise BadInput(problems)
        self.spec = spec
        self._changed()

    def discard_recovery(self, path: Path | None = None) -> None:
        target = path or self.recovery_path()
        try:
            target.unlink()
        except FileNotFoundError:
            pass

    def export_blockers(self) -> list[str]:
        """Invalid values the user typed: export waits until they are fixed."""
        return [f"{key.split(':', 1)[1]}: {message}" for key, message in self.invalid.items()]


def open_or_problem(path: Path, library: Library) -> tuple[DraftSession | None, list[Problem]]:
    try:
        return DraftSession.open(path, library), []
    except BadInput as exc:
        return None, exc.problems
