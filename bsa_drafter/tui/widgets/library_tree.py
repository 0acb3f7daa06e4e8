"""The clause library as a tree: Parts, clauses, variants with their precedents.

Labels are rich Text objects, never markup strings: a bracket in a label stays a bracket."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from bsa_drafter.models import Library
from bsa_drafter.tui.keys import bindings
from bsa_drafter.tui.widgets.divider import PaneResizeKeys

NodeData = tuple[str, "str | None"]  # (clause id, variant id) or ("part:<id>", None)


class LibraryTree(Tree[NodeData], PaneResizeKeys):
    """Enter on a clause adds it to the draft; Enter on a variant adds or switches to it."""

    PANE = "library-pane"
    BINDINGS = bindings("library")

    class AddRequested(Message):
        def __init__(self, clause_id: str, variant_id: str | None):
            super().__init__()
            self.clause_id = clause_id
            self.variant_id = variant_id

    def __init__(self, library: Library, **kwargs):
        super().__init__("Clause library", **kwargs)
        self.library = library
        self.show_root = False
        self.guide_depth = 2
        self.query_text = ""

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self, query: str = "") -> None:
        """Show the clauses whose id, title, tags, variant labels or precedents match."""
        self.query_text = query.strip().lower()
        self.clear()
        library = self.library
        for part in library.parts.values():
            clauses = [c for c in library.clauses.values() if c.part == part.id and self._matches(c)]
            if not clauses:
                continue
            part_node = self.root.add(
                Text(part.heading or part.title, style="bold"),
                data=(f"part:{part.id}", None),
                expand=bool(self.query_text),
            )
            for clause in clauses:
                label = Text.assemble(clause.title, "  ", (clause.id, "dim"))
                clause_node: TreeNode[NodeData] = part_node.add(
                    label, data=(clause.id, None), expand=bool(self.query_text)
                )
                for variant in clause.variants:
                    used = ", ".join(library.precedent_names(variant.precedents)) or "no signed precedent"
                    clause_node.add_leaf(
                        Text.assemble(variant.label, ("  used by: " + used, "dim italic")), data=(clause.id, variant.id)
                    )
        if self.query_text:
            self.call_after_refresh(self._cursor_to_first_clause)

    def _cursor_to_first_clause(self) -> None:
        for part_node in self.root.children:
            if part_node.children:
                self.move_cursor(part_node.children[0])
                return

    def _matches(self, clause) -> bool:  # type: ignore[no-untyped-def]
        if not self.query_text:
            return True
        haystack = " ".join(
            [clause.id, clause.title, clause.heading, " ".join(clause.tags)]
            + [f"{v.label} {' '.join(self.library.precedent_names(v.precedents))}" for v in clause.variants]
        ).lower()
        return all(word in haystack for word in self.query_text.split())

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        """Labels end in "…" where the pane is too narrow for them (no sideways scrolling)."""
        label = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if room > 1 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if data is None or data[0].startswith("part:"):
            return
        event.stop()
        self.post_message(self.AddRequested(data[0], data[1]))
