"""Every detector case file, tests/detector_cases/**/<feature>.toml, run case by case.

A case's `text` is a small document: paragraphs separated by a blank line, "# " a Part heading,
"## " a subheading, "- " (or "  - ") the bullets of the paragraph above. `expect` is the value of
the file's feature for the whole text, `also` the values of other features, `source` "foreign"
(the default) or "draft", and "none" stands for no value. The language is the folder's name
(`uk/` for Ukrainian), English at the top.

The cross-language features (a draft's English beside its Ukrainian) take `uk`, the Ukrainian
of `text` paragraph by paragraph (the same paragraphs, headings and bullets), and optionally
`instrument` ("political", the default, or "treaty"); they are our drafts' own (`source =
"draft"`) and are checked against the bundled termbase.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bsa_drafter.detectors import extract_features, feature_specs, languages
from bsa_drafter.library import load_library
from bsa_drafter.models import Document, Language, Paragraph, UkrainianSide

CASES = Path(__file__).resolve().parent / "detector_cases"
_KEYS = {"text", "expect", "also", "source", "why", "uk", "instrument"}


@dataclass
class Case:
    file: Path
    number: int
    feature: str
    text: str
    expected: dict[str, Any]
    why: str
    source: str = "foreign"
    language: str = "en"
    problems: list[str] = field(default_factory=list)
    uk: str | None = None
    instrument: str = "political"

    @property
    def id(self) -> str:
        folder = f"{self.language}/" if self.language != "en" else ""
        return f"{folder}{self.file.stem}#{self.number}"


def _value(raw: Any) -> Any:
    return None if raw == "none" else raw


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CASES.rglob("*.toml")):
        language = "en" if path.parent == CASES else path.parent.name
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        feature = data.get("feature", "")
        for number, raw in enumerate(data.get("cases", []), start=1):
            problems = [f"unknown key {key!r}" for key in raw if key not in _KEYS]
            problems += [f"missing {key!r}" for key in ("text", "expect", "why") if key not in raw]
            expected = {feature: _value(raw.get("expect"))}
            expected.update({name: _value(value) for name, value in raw.get("also", {}).items()})
            source = raw.get("source", "foreign")
            if source not in ("foreign", "draft"):
                problems.append(f"source must be 'foreign' or 'draft', not {source!r}")
            if "uk" in raw and source != "draft":
                problems.append("a case with 'uk' is a draft of ours: source = 'draft'")
            cases.append(
                Case(
                    path,
                    number,
                    feature,
                    raw.get("text", ""),
                    expected,
                    raw.get("why", ""),
                    source,
                    language,
                    problems,
                    raw.get("uk"),
                    raw.get("instrument", "political"),
                )
            )
    return cases


def document_of(case: Case) -> Document:
    """The case's text as the reader would give it: a foreign text has a paragraph per bullet
    (list level 1 or 2); our own draft keeps a clause's bullets in its text, as assembly does.
    With `uk`, each paragraph carries its Ukrainian, read the same way."""
    document = _document(case, case.text)
    if case.uk is None:
        return document
    ukrainian = _document(case, case.uk).paragraphs
    assert len(ukrainian) == len(document.paragraphs), f"{case.id}: 'uk' must have the paragraphs of 'text'"
    for paragraph, other in zip(document.paragraphs, ukrainian):
        paragraph.uk = UkrainianSide(other.text)
    document.terms = load_library().terms
    document.instrument = case.instrument  # type: ignore[assignment]
    return document


def _document(case: Case, text: str) -> Document:
    paragraphs: list[Paragraph] = []
    top = sub = ""
    lines: list[str] = []
    bullets: list[tuple[int, str]] = []

    def heading_path() -> str:
        return " / ".join(h for h in (top, sub) if h)

    def flush() -> None:
        if not lines and not bullets:
            return
        if case.source == "draft":
            text = "\n".join([" ".join(lines)] + [f"{'  ' * (level - 1)}- {item}" for level, item in bullets]).strip()
            paragraphs.append(
                Paragraph(len(paragraphs), text, clause=f"custom.p{len(paragraphs)}", heading=heading_path())
            )
        else:
            if lines:
                paragraphs.append(Paragraph(len(paragraphs), " ".join(lines), heading=heading_path()))
            for level, item in bullets:
                paragraphs.append(Paragraph(len(paragraphs), item, heading=heading_path(), list_level=level))
        lines.clear()
        bullets.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("# ") or stripped.startswith("## "):
            flush()
            title = stripped.lstrip("#").strip()
            if stripped.startswith("# "):
                top, sub = title, ""
            else:
                sub = title
            paragraphs.append(Paragraph(len(paragraphs), title, "heading", heading=heading_path()))
        elif stripped.startswith("- "):
            level = 2 if len(line) - len(line.lstrip()) >= 2 else 1
            bullets.append((level, stripped[2:].strip()))
        elif bullets:  # a wrapped bullet line
            level, item = bullets[-1]
            bullets[-1] = (level, f"{item} {stripped}")
        else:
            lines.append(stripped)
    flush()
    language = Language(case.language, 1.0, "the case file's folder")
    return Document(f"{case.id}", paragraphs, language=language, origin=case.source)  # type: ignore[arg-type]


# --- the tests ---------------------------------------------------------------------------------

ALL_CASES = load_cases()


def _matches(expected: Any, got: Any) -> bool:
    """Equal values of the same kind: true is not 1, and amounts may differ in float rounding."""
    if expected is None or isinstance(expected, bool):
        return got is expected
    if isinstance(expected, float) or isinstance(got, float):
        return isinstance(got, (int, float)) and not isinstance(got, bool) and math.isclose(got, expected, rel_tol=1e-9)
    return type(got) is type(expected) and got == expected


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.id for case in ALL_CASES])
def test_case(case: Case) -> None:
    assert not case.problems, f"{case.file.name} case {case.number}: {'; '.join(case.problems)}"
    unknown = [name for name in case.expected if name not in feature_specs()]
    assert not unknown, f"{case.file.name} case {case.number}: unknown features {unknown}"
    features = extract_features(document_of(case))
    if case.language not in languages():
        assert features == {}, (
            "a text in a language without detectors must get no features from other languages' detectors"
        )
        return
    got = {name: features[name].value for name in case.expected}
    wrong = {name: (got[name], value) for name, value in case.expected.items() if not _matches(value, got[name])}
    assert not wrong, f"{case.why}\n(got, expected): {wrong}\n{case.text}"


def test_every_english_feature_file_names_a_registered_feature() -> None:
    files = [path for path in CASES.glob("*.toml")]
    assert files, "no case files"
    for path in files:
        assert tomllib.loads(path.read_text(encoding="utf-8")).get("feature") == path.stem, (
            f"{path.name}: feature must match the file name"
        )
        assert path.stem in feature_specs(), f"{path.name}: no detector declares {path.stem!r}"
