"""Typed parameters and the only placeholder filler there is.

Clause text may contain `{name}` or `{name:words}`. The names are a closed set declared in
clauses/params.toml; the filler is a regular expression and a dictionary look-up, so no text
is ever evaluated. Anything that is not exactly a placeholder (`{{ x }}`, `{% for %}`, `{ }`)
stays literal text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from bsa_drafter.errors import did_you_mean
from bsa_drafter.models import ParamSpec

PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z][a-z0-9_]*)(?::([a-z]+))?\}(?!\})")
FORMATS = ("words",)

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def number_in_words(n: int) -> str:
    """0..99 in English words ("twenty-four"); larger numbers stay digits."""
    if n < 0 or n > 99:
        return str(n)
    if n < 20:
        return _UNITS[n]
    tens, units = divmod(n, 10)
    return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")


def format_date(value: dt.date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


@dataclass(frozen=True)
class Placeholder:
    name: str
    format: str | None
    start: int
    end: int


def placeholders_in(text: str) -> list[Placeholder]:
    return [Placeholder(m.group(1), m.group(2), m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]


def check_value(spec: ParamSpec, value: Any) -> tuple[Any, str | None]:
    """Validate one value against its parameter; returns (normalised value, error or None)."""
    kind = spec.type
    if isinstance(value, bool):
        return value, f"expected {_expected(spec)}, got a true/false value"
    if kind == "text":
        if not isinstance(value, str):
            return value, f"expected {_expected(spec)}, got {type(value).__name__}"
        value = value.strip()
        if not value:
            return value, "must not be empty (leave the parameter out to use its default)"
        if "\n" in value or "\r" in value:
            return value, "must be one line (it has a line break)"
        if len(value) > spec.max_length:
            return value, f"is {len(value)} characters long; at most {spec.max_length} are allowed"
        return value, None
    if kind == "choice":
        if not isinstance(value, str) or value not in spec.choices:
            return value, f"expected one of {', '.join(spec.choices)}{did_you_mean(str(value), spec.choices)}"
        return value, None
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value, None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()), None
            except ValueError:
                pass
        return value, "expected a date such as 2026-11-20"
    if kind == "integer":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int):
            return value, f"expected {_expected(spec)}, got {value!r}"
    elif kind == "decimal":
        if not isinstance(value, (int, float)):
            return value, f"expected {_expected(spec)}, got {value!r}"
    error = _range_error(spec, value)
    return value, error


_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_GROUPED_SPACE = re.compile(r"^\d{1,3}(?:[ '\u00a0\u2009\u202f]\d{3})+(?:[.,]\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_number(raw: str, *, integer: bool) -> tuple[int | float | None, str | None, str | None]:
    """A number as people type it: (value, error, note). "1 000", "1,000" and "1.000.000" are
    thousands; "1,5" is the decimal comma, read as 1.5 and said so in the note; "1.000,5" is
    European. Nothing is guessed silently: what cannot be read one way only is an error."""
    text = raw.strip().lstrip("+")
    negative = text.startswith(("-", "\u2212"))
    if negative:
        text = text[1:].strip()
    note = None
    if _GROUPED_SPACE.match(text):
        text = re.sub(r"[ '\u00a0\u2009\u202f]", "", text).replace(",", ".")
    elif _GROUPED_COMMA.match(text):
        text = text.replace(",", "")
    elif _GROUPED_DOT.match(text) and (text.count(".") > 1 or "," in text):
        text = text.replace(".", "").replace(",", ".")
    elif _PLAIN.match(text):
        if "," in text:
            note = f"read {raw.strip()} as {text.replace(',', '.')} (a decimal comma)"
            text = text.replace(",", ".")
    else:
        what = "a whole number" if integer else "a number"
        return None, f"expected {what} such as 25 or 2.5 (got {raw.strip()!r})", None
    value: int | float = float(text)
    if negative:
        value = -value
    if integer:
        if not float(value).is_integer():
            return None, f"expected a whole number (got {raw.strip()!r})", None
        return int(value), None, note
    return (int(value) if float(value).is_integer() else value), None, note


def _range_error(spec: ParamSpec, value: float) -> str | None:
    if spec.minimum is not None:
        if spec.exclusive_minimum and value <= spec.minimum:
            return f"must be greater than {_number(spec.minimum)} (got {_number(value)})"
        if not spec.exclusive_minimum and value < spec.minimum:
            return f"must be at least {_number(spec.minimum)} (got {_number(value)})"
    if spec.maximum is not None and value > spec.maximum:
        return f"must be at most {_number(spec.maximum)} (got {_number(value)})"
    return None


def _expected(spec: ParamSpec) -> str:
    kinds = {"text": "text", "integer": "a whole number", "decimal": "a number", "date": "a date"}
    what = kinds.get(spec.type, spec.type)
    if spec.type in ("integer", "decimal") and (spec.minimum is not None or spec.maximum is not None):
        low = "" if spec.minimum is None else _number(spec.minimum)
        high = "" if spec.maximum is None else _number(spec.maximum)
        what += f" in {low}..{high}"
    return what


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def format_value(spec: ParamSpec, value: Any, fmt: str | None = None) -> str:
    """The text a value stands for in a clause."""
    if fmt == "words" and isinstance(value, int) and not isinstance(value, bool):
        return number_in_words(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if spec.type == "decimal" and isinstance(value, (int, float)):
        if float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return str(value)


def unset_text(spec: ParamSpec) -> str:
    """What an unfilled parameter shows: a bracket the checker will flag."""
    return spec.unset_text or f"[{spec.label}]"


def resolve_values(
    specs: Mapping[str, ParamSpec], *layers: Mapping[str, Any]
) -> dict[str, Any]:
    """Each parameter's value: the first layer that sets it, else its default, else None.

    Layers go from most to least specific (clause choice, draft, derived). `default_from`
    copies another parameter's resolved value, so a partner's formal name defaults to its name.
    """
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        for layer in layers:
            if name in layer:
                values[name] = layer[name]
                break
        else:
            values[name] = spec.default
    for name, spec in specs.items():
        if values[name] is None and spec.default_from:
            values[name] = values.get(spec.default_from)
    return values


def fill_placeholders(
    text: str, specs: Mapping[str, ParamSpec], values: Mapping[str, Any]
) -> tuple[str, list[str]]:
    """Replace every placeholder; returns the text and the problems (unknown names or formats)."""
    filled, problems, _ = fill_placeholders_with_spans(text, specs, values)
    return filled, problems


def source_offset(spans: list[tuple[int, int, int, int]], offset: int) -> int:
    """Map an offset in filled text back to the source text; inside a filled value, to the
    placeholder's start. `spans` are (source start, source end, filled start, filled end)."""
    shift = 0
    for source_start, source_end, filled_start, filled_end in spans:
        if offset < filled_start:
            break
        if offset < filled_end:
            return source_start
        shift = source_end - filled_end
    return offset + shift


def fill_placeholders_with_spans(
    text: str, specs: Mapping[str, ParamSpec], values: Mapping[str, Any]
) -> tuple[str, list[str], list[tuple[int, int, int, int]]]:
    """fill_placeholders, also returning where each placeholder went (see source_offset)."""
    problems: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    pieces: list[str] = []
    position = 0
    length = 0
    for match in PLACEHOLDER.finditer(text):
        before = text[position : match.start()]
        pieces.append(before)
        length += len(before)
        value = _replacement(match, specs, values, problems)
        spans.append((match.start(), match.end(), length, length + len(value)))
        pieces.append(value)
        length += len(value)
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), problems, spans


def _replacement(match: re.Match[str], specs: Mapping[str, ParamSpec], values: Mapping[str, Any], problems: list[str]) -> str:
    name, fmt = match.group(1), match.group(2)
    spec = specs.get(name)
    if spec is None:
        problems.append(f"unknown placeholder {{{name}}}{did_you_mean(name, specs)}")
        return match.group(0)
    if fmt is not None and fmt not in FORMATS:
        problems.append(f"unknown format ':{fmt}' in {{{name}:{fmt}}}: known formats are {', '.join(FORMATS)}")
        return match.group(0)
    value = values.get(name)
    if value is None:
        return unset_text(spec)
    return format_value(spec, value, fmt)


def names_used(texts: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        for match in PLACEHOLDER.finditer(text):
            seen.setdefault(match.group(1), None)
    return list(seen)
