"""A clause-by-clause redline as one self-contained HTML file, to open or attach to an email."""

from __future__ import annotations

from html import escape

from bsa_drafter.diff import DELETE, EQUAL, DraftDiff

_STYLE = """
body { font: 15px/1.55 Georgia, 'Times New Roman', serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1f; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1.5rem; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; }
h2 { font: 600 .95rem/1.3 system-ui, sans-serif; margin: 1.6rem 0 .4rem; }
.id { color: #555; font-weight: 400; }
.status { display: inline-block; min-width: 5.5rem; font: 600 .75rem system-ui, sans-serif; text-transform: uppercase;
          letter-spacing: .04em; }
.changed .status { color: #8a5a00; } .added .status { color: #1a7f37; }
.removed .status { color: #b42318; } .moved .status { color: #3559c7; }
.similarity { color: #777; font: .8rem system-ui, sans-serif; }
del { color: #b42318; background: #fde8e8; text-decoration: line-through; }
ins { color: #1a7f37; background: #e6f6ea; text-decoration: underline; }
.text { white-space: pre-wrap; margin: 0 0 0 1rem; }
.summary, .legend { font: .9rem system-ui, sans-serif; }
table.summary { border-collapse: collapse; margin: 1rem 0; }
table.summary td, table.summary th { padding: .15rem .6rem; text-align: left; border-bottom: 1px solid #eee; }
.unmarked h2 { color: #8a5a00; }
details { margin-top: 2rem; font: .9rem system-ui, sans-serif; color: #444; }
"""


def diff_html(diff: DraftDiff) -> str:
    counts = diff.summary()
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Redline: {escape(diff.a_label)} \u2192 {escape(diff.b_label)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<header><h1>Clause-by-clause redline</h1>",
        f"<p>Changes from <b>{escape(diff.a_label)}</b> to <b>{escape(diff.b_label)}</b></p>",
        f'<p class="summary">{counts["changed"]} changed \u00b7 {counts["added"]} added \u00b7 '
        f"{counts['removed']} removed \u00b7 {counts['moved']} moved \u00b7 {counts['unchanged']} unchanged</p>",
        '<p class="legend"><del>deleted</del> \u00a0 <ins>inserted</ins></p></header>',
    ]
    changes = diff.changes()
    if changes:
        parts.append(
            '<table class="summary"><tr><th>change</th><th>clause</th><th>where</th><th>findings it brings</th></tr>'
        )
        for clause in changes:
            findings = "; ".join(f"{f.severity} {f.rule}" for f in diff.introduced.get(clause.id, []))
            parts.append(
                f'<tr class="{clause.status}"><td class="status">{clause.status}</td><td><a '
                f'href="#{escape(clause.id)}">{escape(clause.id)}</a></td>'
                f"<td>{escape(clause.place)}</td><td>{escape(findings)}</td></tr>"
            )
        parts.append("</table>")
    if diff.unmarked:
        items = "".join(f"<li>{escape(f.message)}</li>" for f in diff.unmarked)
        parts.append(
            f'<section class="unmarked"><h2>{len(diff.unmarked)} changes made without a tracked '
            f"change</h2><ul>{items}</ul></section>"
        )
    unchanged = []
    for clause in diff.clauses:
        if clause.status == "unchanged":
            unchanged.append(clause)
            continue
        renamed = f" (was {escape(clause.old_id)})" if clause.old_id else ""
        similarity = (
            f' <span class="similarity">{clause.similarity:.0%} similar</span>'
            if clause.status in ("changed", "moved")
            else ""
        )
        parts.append(f'<section class="{clause.status}" id="{escape(clause.id)}">')
        parts.append(
            f'<h2><span class="status">{clause.status}</span> {escape(clause.title)} <span '
            f'class="id">{escape(clause.id)}{renamed}</span>{similarity}</h2>'
        )
        body = []
        for op, text in clause.ops:
            if op == EQUAL:
                body.append(escape(text))
            elif op == DELETE:
                body.append(f"<del>{escape(text)}</del>")
            else:
                body.append(f"<ins>{escape(text)}</ins>")
        parts.append(f'<p class="text">{"".join(body)}</p></section>')
    if unchanged:
        items = "".join(f'<li>{escape(c.title)} <span class="id">{escape(c.id)}</span></li>' for c in unchanged)
        parts.append(f"<details><summary>{len(unchanged)} unchanged clauses</summary><ul>{items}</ul></details>")
    parts.append("</body></html>")
    return "\n".join(parts)
