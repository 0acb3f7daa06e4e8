"""The comparison matrix as one self-contained HTML file: no scripts, no links out. Each cell
shows its sentences when the pointer rests on it (or it has the keyboard focus); every piece
of text from the agreements is escaped."""

from __future__ import annotations

from html import escape

from bsa_drafter.precedents.matrix import Matrix, MatrixCell
from bsa_drafter.precedents.store import PrecedentIndex

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
h1 { font-size: 1.3rem; margin: 0 0 .2rem; }
p.meta { color: #555; margin: 0 0 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d0d5; padding: .35rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #f3f3f6; position: sticky; top: 0; z-index: 2; font-weight: 600; }
th.agreement { white-space: nowrap; }
th.agreement small { display: block; color: #666; font-weight: 400; }
td { position: relative; min-width: 6rem; max-width: 16rem; }
td.present { background: #eef6ff; }
td.absent { color: #8a8a8e; }
td.unread { color: #8a8a8e; font-style: italic; background: #f4f4f4; }
td:focus { outline: 2px solid #3559c7; }
.evidence { display: none; position: absolute; left: 0; top: 100%; z-index: 3; width: 28rem; max-height: 22rem;
  overflow: auto; background: #fffef5; border: 1px solid #c8c19a; box-shadow: 0 4px 14px rgba(0,0,0,.18);
  padding: .5rem .7rem; color: #1d1d1f; font: 13px/1.45 Georgia, 'Times New Roman', serif; }
td:hover .evidence, td:focus .evidence { display: block; }
.evidence q { display: block; margin: 0 0 .5rem; }
.evidence cite { display: block; font: 11px system-ui, sans-serif; color: #666; font-style: normal; }
.legend { margin-top: 1rem; color: #555; font-size: 12px; }
.legend span { display: inline-block; padding: 0 .4rem; margin-right: .6rem; border: 1px solid #d0d0d5; }
"""


def matrix_html(table: Matrix, index: PrecedentIndex) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Signed agreements compared</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Signed agreements compared</h1>",
        f'<p class="meta">{len(table.rows)} agreements from {escape(index.folder)}, by date of signature; '
        f"index built {escape(index.built.strftime('%Y-%m-%d %H:%M UTC'))}. "
        "Rest the pointer on a cell (or tab to it) for the sentences it rests on.</p>",
        "<table><thead><tr><th>Agreement</th>",
        *(f"<th>{escape(column.title)}</th>" for column in table.columns),
        "</tr></thead><tbody>",
    ]
    for row in table.rows:
        agreement = row.agreement
        date = agreement.date.isoformat() if agreement.date else "undated"
        source = f"{escape(date)} \u00b7 {escape(agreement.file)}"
        parts.append(f'<tr><th class="agreement" scope="row">{escape(agreement.partner)}<small>{source}</small></th>')
        parts += [_cell(row.cells[column.id]) for column in table.columns]
        parts.append("</tr>")
    parts += [
        "</tbody></table>",
        '<p class="legend"><span style="background:#eef6ff">found in the text</span><span>not found</span>'
        "<span>not read (a language the detectors do not read)</span></p>",
        "</body></html>",
    ]
    return "\n".join(parts)


def _cell(cell: MatrixCell) -> str:
    if not cell.evidence:
        return f'<td class="{cell.state}">{escape(cell.text)}</td>'
    quotes = "".join(f"<cite>{escape(e.where)}</cite><q>{escape(e.quote)}</q>" for e in cell.evidence)
    return f'<td class="{cell.state}" tabindex="0">{escape(cell.text)}<div class="evidence">{quotes}</div></td>'
