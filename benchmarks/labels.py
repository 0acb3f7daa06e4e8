"""Hand labels of the reference agreements' paragraphs (benchmarks/mapping_labels.toml), keyed
so that they survive changes to the reader.

A key is "N hhhhhhhh": the paragraph's number in the reader's output and a short hash of its
normalised words. A label is found again by its hash wherever the paragraph now stands; when
no paragraph has that hash any more (the reader now splits, joins or spells it differently),
the label has drifted and is reported, never guessed. A value lists the clause ids that are
right for the paragraph: several where it merges our clauses, "new" where the library has no
counterpart, "part.*" for any clause of a Part (a preamble read as one paragraph).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bsa_drafter.models import Document, Library

LABELS_FILE = Path(__file__).resolve().parent / "mapping_labels.toml"
NEW = "new"
_WORDS = re.compile(r"[a-z0-9]+")


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(_WORDS.findall(text.lower())).encode()).hexdigest()[:8]


@dataclass
class Labels:
    """One agreement's labels resolved against a reading of it."""

    file: str
    by_paragraph: dict[int, frozenset[str]] = field(default_factory=dict)  # clause ids, "new"
    drifted: list[str] = field(default_factory=list)  # keys whose paragraph is no longer found
    moved: int = 0  # labels found at another paragraph number


def load_label_file(path: Path = LABELS_FILE) -> dict[str, dict[str, object]]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def resolve(entry: dict[str, object], document: Document, library: Library) -> Labels:
    """The labels of one agreement attached to the paragraphs of `document`."""
    by_hash: dict[str, list[int]] = {}
    for paragraph in document.paragraphs:
        by_hash.setdefault(text_hash(paragraph.text), []).append(paragraph.index)
    labels = Labels(str(entry["file"]))
    for key, value in entry["paragraphs"].items():  # type: ignore[union-attr]
        number, digest = key.split()
        places = by_hash.get(digest, [])
        if not places:
            labels.drifted.append(key)
            continue
        index = int(number) if int(number) in places else min(places, key=lambda i: abs(i - int(number)))
        labels.moved += index != int(number)
        labels.by_paragraph[index] = frozenset(expand(value if isinstance(value, list) else [value], library))
    return labels


def expand(values: list[str], library: Library) -> set[str]:
    out: set[str] = set()
    for value in values:
        if value.endswith(".*"):
            out |= {cid for cid, clause in library.clauses.items() if clause.part == value[:-2]}
        elif value == NEW or value in library.clauses:
            out.add(value)
        else:
            raise ValueError(f"unknown clause id in the labels: {value}")
    return out


def signed_examples(
    document: Document, by_paragraph: dict[int, frozenset[str]]
) -> list[tuple[tuple[str, ...], str, str]]:
    """The labelled paragraphs of one agreement as examples of signed wording: (the clause ids
    it stands for, none for new text; its text; its subheading). A paragraph labelled with a
    whole Part (a preamble read as one paragraph) says too little about any one clause."""
    out = []
    for index, allowed in sorted(by_paragraph.items()):
        clauses = tuple(sorted(allowed - {NEW}))
        if len(clauses) > 3:
            continue
        paragraph = document.paragraphs[index]
        out.append((clauses, paragraph.text, paragraph.heading.split(" / ")[-1]))
    return out
