"""One line above the editor: the round in which the clause shown last changed, and whose
wording it is. Shown once the draft has been through a round."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from bsa_drafter.errors import BadInput
from bsa_drafter.models import DraftSpec


class ClauseHistoryLine(Static):
    # one line: wrapped, its end fell below the line unseen ("(as in the")
    DEFAULT_CSS = """
    ClauseHistoryLine { height: 1; color: $text-muted; display: none; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._kept: tuple[tuple, dict[int, DraftSpec]] = ((), {})

    def _kept_rounds(self, path: Path | None) -> dict[int, DraftSpec]:
        """The kept rounds, read again only when their files change."""
        from bsa_drafter.rounds import kept_rounds, load_kept

        if path is None:
            return {}
        files = kept_rounds(path)
        stamp = tuple((n, p.stat().st_mtime_ns) for n, p in files.items())
        if stamp != self._kept[0]:
            try:
                self._kept = (stamp, load_kept(path))
            except BadInput:
                self._kept = (stamp, {})
        return self._kept[1]

    def show_for(self, session, clause_id: str | None) -> None:  # type: ignore[no-untyped-def]
        from bsa_drafter.rounds import clause_history

        kept = self._kept_rounds(session.path)
        if clause_id is None or not (kept or session.spec.rounds):
            self.display = False
            return
        change = clause_history(session.spec, kept, session.library, only=clause_id).get(clause_id)
        self.display = change is not None
        if change is not None:
            self.update(
                Content.assemble(
                    ("last changed: ", "dim"), f"round {change.round}, {change.by}", (f" ({change.how})", "dim")
                )
            )
