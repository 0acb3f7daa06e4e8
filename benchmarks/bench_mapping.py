"""Clause-mapping accuracy: how many body paragraphs land on the right clause, and whether
paragraphs with no counterpart come out as new text.

Two sets, so that the mapping is never tuned to one:

* the reference agreements (../shared/reference/agreements), labelled by hand at the level of
  their sections in benchmarks/mapping_labels.toml: a paragraph is right when its clause lies in
  a Part the section belongs to, or when it is `new` in a section marked "new"; the UK text,
  whose subheadings name our clause groups, is also scored clause group by clause group;
* texts made from our own library and perturbed: Parts and clauses reordered, sentences
  reworded (synonyms, dropped words, sentence order), clauses held out of the library (their
  paragraphs must come out `new`), off-topic paragraphs added (also `new`), and headings marked
  only by numbering, capitals or bold in a DOCX without heading styles.

Run: .venv/bin/python benchmarks/bench_mapping.py [--seeds N]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import re
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

from bsa_drafter.analyze import analyze_document
from bsa_drafter.assemble import assemble
from bsa_drafter.ingest import read_document
from bsa_drafter.library import load_library
from bsa_drafter.mapping import ClauseMatcher
from bsa_drafter.models import Library
from bsa_drafter.spec import new_spec

HERE = Path(__file__).resolve().parent
REFERENCE = next((f / "shared" / "reference" / "agreements" for f in HERE.parents if (f / "shared" / "reference" / "agreements").is_dir()), None)

# rewordings a counterpart's drafter might make; applied at random, word by word
SYNONYMS = {
    "will": "shall", "participants": "parties", "participant": "party", "support": "assistance", "co-operation": "collaboration",
    "cooperation": "collaboration", "ensure": "guarantee", "strengthen": "reinforce", "continue": "keep", "develop": "build",
    "provide": "deliver", "including": "notably", "efforts": "endeavours", "measures": "steps", "further": "additional",
    "long-term": "lasting", "help": "assist", "aim": "objective", "intend": "plan", "work": "act", "promote": "advance",
    "capabilities": "capacities", "security": "safety", "agreement": "accord", "decide": "determine", "also": "moreover",
}
# paragraphs on subjects our library has no clause for: they must come out as new text
OFF_TOPIC = [
    "The Participants will expand exchanges between their universities, including joint degree programmes and scholarships for students of history and languages.",
    "Each Participant will encourage its museums and libraries to lend works for exhibitions and to digitise archives of shared cultural heritage.",
    "The Participants will ease visa procedures for journalists and artists travelling to festivals held in either country.",
    "Both sides intend to cooperate on veterinary controls and plant health so that farm exports meet each other's standards.",
    "The Participants will organise an annual youth sports tournament and support exchanges of coaches and referees.",
    "Cooperation on tourism will include joint promotion campaigns and the training of guides for historic city centres.",
    "The Participants will share practice on weather forecasting and the monitoring of river floods in spring.",
    "The Participants will support twinning between municipalities, with exchanges of officials responsible for public transport and waste collection.",
]


def reword(text: str, rng: random.Random) -> str:
    """Synonyms for 60% of the words that have one, 8% of short words dropped, sentences reversed."""
    sentences = re.split(r"(?<=[.;])\s+", text)
    if len(sentences) > 1 and rng.random() < 0.5:
        sentences.reverse()
    words = []
    for word in " ".join(sentences).split(" "):
        key = word.lower().strip(",.;:")
        if key in SYNONYMS and rng.random() < 0.6:
            word = word.lower().replace(key, SYNONYMS[key])
        elif len(key) <= 4 and rng.random() < 0.08:
            continue
        words.append(word)
    return " ".join(words)


@dataclasses.dataclass
class Item:
    text: str
    expected: str | None  # a clause id, or None for new text


def perturbed_agreement(library: Library, rng: random.Random, held_out: set[str]) -> list[tuple[str, str, list[Item]]]:
    """(Part heading, subheading, paragraphs) sections of a reworded, reordered standard draft."""
    draft = assemble(new_spec(library, "Freedonia", date=dt.date(2026, 1, 1)), library)
    sections: dict[tuple[str, str], list[Item]] = {}
    for clause in draft.clauses:
        first = clause.text.split("\n")[0]
        if len(first.split()) < 6:
            continue
        key = (library.parts[clause.part].heading, clause.heading)
        sections.setdefault(key, []).append(Item(reword(first, rng), None if clause.id in held_out else clause.id))
    for text in OFF_TOPIC:
        key = rng.choice(list(sections))
        sections[key].insert(rng.randrange(len(sections[key]) + 1), Item(text, None))
    parts: dict[str, list[tuple[str, list[Item]]]] = {}
    for (part, sub), items in sections.items():
        rng.shuffle(items)
        parts.setdefault(part, []).append((sub, items))
    ordered = list(parts.items())
    middle = ordered[1:-1]
    rng.shuffle(middle)  # Parts in another order, as later agreements have them
    out = []
    for part, subsections in [ordered[0], *middle, ordered[-1]]:
        if len(subsections) > 2:
            head, *rest = subsections
            rng.shuffle(rest)
            subsections = [head, *rest]
        out.extend((part, sub, items) for sub, items in subsections)
    return out


def as_text(sections) -> tuple[str, list[Item]]:  # type: ignore[no-untyped-def]
    lines, items, shown = ["AGREEMENT ON SECURITY CO-OPERATION", ""], [], None
    for part, sub, paragraphs in sections:
        if part != shown:
            lines += [part, ""]
            shown = part
        if sub:
            lines += [sub, ""]
        for number, item in enumerate(paragraphs, 1):
            lines += [f"{number}. {item.text}", ""]
            items.append(item)
    return "\n".join(lines), items


def as_docx_without_styles(sections, path: Path) -> list[Item]:  # type: ignore[no-untyped-def]
    """Parts in capitals with a Roman number, subheadings in bold, no heading style anywhere."""
    import docx

    document = docx.Document()
    document.add_paragraph().add_run("AGREEMENT ON SECURITY CO-OPERATION").bold = True
    items, shown, numeral = [], None, 0
    for part, sub, paragraphs in sections:
        if part != shown:
            numeral += 1
            title = re.sub(r"^Part [IVX]+\.\s*", "", part)
            document.add_paragraph(f"{_roman(numeral)}. {title.upper()}")
            shown = part
        if sub:
            document.add_paragraph().add_run(sub).bold = True
        for item in paragraphs:
            document.add_paragraph(item.text)
            items.append(item)
    document.save(path)
    return items


def _roman(number: int) -> str:
    from bsa_drafter.reading.docx import format_number

    return format_number(number, "upperRoman")


def score_items(document, matches, items: list[Item]) -> Counter:  # type: ignore[no-untyped-def]
    """Pair the body's units with the items by their text, then count outcomes."""
    by_text = {" ".join(item.text.split()): item for item in items}
    counts: Counter = Counter()
    for unit in matches.units:
        text = re.sub(r"^\d{1,2}\.\s+", "", " ".join(document.paragraphs[unit[0]].text.split()))
        item = by_text.get(text)
        if item is None:
            counts["unpaired"] += 1
            continue
        match = matches.by_paragraph()[unit[0]]
        if item.expected is None:
            counts["new: right" if match.status == "new" else "new: attached to a clause"] += 1
        elif match.clause_id == item.expected:
            counts[f"clause: right ({match.status})"] += 1
        elif match.status == "new":
            counts["clause: called new"] += 1
        elif match.clause_id and document and match.clause_id.split(".")[0] == item.expected.split(".")[0]:
            counts["clause: right Part, wrong clause"] += 1
        else:
            counts["clause: wrong"] += 1
    return counts


def perturbed_runs(library: Library, seeds: int) -> tuple[Counter, Counter, Counter]:
    text_counts, docx_counts, headings = Counter(), Counter(), Counter()
    for seed in range(seeds):
        rng = random.Random(seed)
        held_out = set(rng.sample(sorted(library.clauses), 8))
        visible = dataclasses.replace(library, clauses={k: v for k, v in library.clauses.items() if k not in held_out}, derived={})
        visible.derived["clause_matcher"] = ClauseMatcher(visible)
        sections = perturbed_agreement(library, rng, held_out)
        with tempfile.TemporaryDirectory() as folder:
            text, items = as_text(sections)
            path = Path(folder) / "perturbed.txt"
            path.write_text(text, encoding="utf-8")
            analysis = analyze_document(read_document(path), visible)
            text_counts += score_items(analysis.document, analysis.clause_map, items)
            docx_path = Path(folder) / "perturbed.docx"
            items = as_docx_without_styles(sections, docx_path)
            analysis = analyze_document(read_document(docx_path), visible)
            docx_counts += score_items(analysis.document, analysis.clause_map, items)
            expected_headings = 1 + len({part for part, _, _ in sections}) + sum(1 for _, sub, _ in sections if sub)
            found = [p for p in analysis.document.paragraphs if p.kind == "heading"]
            headings["expected"] += expected_headings
            headings["found"] += len(found)
            headings["mapped as clauses"] += sum(1 for m in analysis.clause_map.matches if analysis.document.paragraphs[m.paragraph].kind == "heading")
    return text_counts, docx_counts, headings


def reference_runs(library: Library) -> tuple[Counter, dict[str, tuple[int, int]]]:
    labels = tomllib.loads((HERE / "mapping_labels.toml").read_text(encoding="utf-8"))
    totals: Counter = Counter()
    per_file: dict[str, tuple[int, int]] = {}
    for name, label in labels.items():
        document = read_document(REFERENCE / label.pop("file"))
        analysis = analyze_document(document, library)
        right = total = 0
        for unit in analysis.clause_map.units:
            heading = document.paragraphs[unit[0]].heading
            keys = [k for k in label if heading.startswith(k)]
            if not keys:
                continue
            allowed = label[max(keys, key=len)]
            match = analysis.clause_map.by_paragraph()[unit[0]]
            part = library.clauses[match.clause_id].part if match.clause_id else "new"
            ok = part in allowed
            right += ok
            total += 1
            totals["new" if part == "new" else match.status] += 1
        per_file[name] = (right, total)
    return totals, per_file


def uk_groups(library: Library) -> tuple[int, int]:
    """UK paragraphs under a subheading that names one of our clause groups (or the Preamble and
    Part VIII): right when mapped into that group."""
    from rapidfuzz import fuzz

    groups: dict[tuple[str, str], list[str]] = {}
    for clause in library.clauses.values():
        groups.setdefault((clause.part, clause.heading), []).append(clause.id)
    headings = {c.heading.lower(): (c.part, c.heading) for c in library.clauses.values() if c.heading}
    analysis = analyze_document(read_document(REFERENCE / "uk.txt"), library)
    right = total = 0
    for unit in analysis.clause_map.units:
        paragraph = analysis.document.paragraphs[unit[0]]
        sub = paragraph.heading.split(" / ")[-1].lower()
        if paragraph.heading.startswith("Part VIII"):
            group = ("attack", "")
        elif paragraph.heading == "Preamble":
            group = ("preamble", "")
        else:
            best = max(headings, key=lambda h: fuzz.token_set_ratio(h, sub))
            if fuzz.token_set_ratio(best, sub) < 70:
                continue
            group = headings[best]
        total += 1
        right += analysis.clause_map.by_paragraph()[unit[0]].clause_id in groups[group]
    return right, total


def _share(counts: Counter, prefix: str) -> str:
    total = sum(v for k, v in counts.items() if k.startswith(prefix))
    right = sum(v for k, v in counts.items() if k.startswith(prefix) and "right" in k and "wrong" not in k)
    return f"{right}/{total} ({right / total:.0%})" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    seeds = parser.parse_args().seeds
    library = load_library()
    print(f"# clause mapping: perturbed library texts ({seeds} seeds) and reference agreements")
    text_counts, docx_counts, headings = perturbed_runs(library, seeds)
    for label, counts in (("plain text", text_counts), ("DOCX, headings by capitals/bold only", docx_counts)):
        print(f"\n## perturbed, {label}")
        print(f"paragraphs with a counterpart on the right clause: {_share(counts, 'clause:')}")
        print(f"paragraphs with no counterpart coming out new: {_share(counts, 'new:')}")
        for key, value in sorted(counts.items()):
            print(f"  {key}: {value}")
    print(f"\nheadings: {headings['found']} found of {headings['expected']} written; mapped as clauses: {headings['mapped as clauses']}")
    if REFERENCE is None:
        print("\nreference agreements not found")
        return
    right, total = uk_groups(library)
    print(f"\n## UK text, clause groups named by its subheadings: {right}/{total} ({right / total:.0%})")
    totals, per_file = reference_runs(library)
    print("\n## reference agreements, paragraphs in a right Part (or new where the section is new)")
    for name, (right, total) in per_file.items():
        print(f"  {name}: {right}/{total} ({right / total:.0%})")
    right = sum(r for r, _ in per_file.values())
    total = sum(t for _, t in per_file.values())
    print(f"  all: {right}/{total} ({right / total:.0%}); statuses: {dict(totals)}")


if __name__ == "__main__":
    sys.exit(main())
