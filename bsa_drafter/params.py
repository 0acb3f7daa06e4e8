"""Typed parameters and the only placeholder filler there is, for both languages.

Clause text may contain `{name}` or `{name:format}`. The names are a closed set declared in
clauses/params.toml; the filler is a regular expression and a dictionary look-up, so no text
is ever evaluated. Anything that is not exactly a placeholder (`{{ x }}`, `{% for %}`, `{ }`)
stays literal text.

The Ukrainian text uses the same names with Ukrainian formats (`{partner_name:gen}`,
`{notice_months:words_gen}`, `{notice_months:months_gen}`): see UK_FORMATS. It is filled from
the Ukrainian values (`ukrainian_values`): a free-text parameter's Ukrainian counterpart
(`existing_framework_uk`), the partner's case forms from the partner table, and the same
numbers, dates and choices as the English, written the Ukrainian way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping

from bsa_drafter import ukrainian
from bsa_drafter.errors import did_you_mean
from bsa_drafter.models import ParamSpec, TextLanguage

PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z][a-z0-9_]*)(?::([a-z_]+))?\}(?!\})")
FORMATS = ("words",)
UK_SUFFIX = "_uk"  # a free-text parameter's Ukrainian counterpart: existing_framework_uk

# Ukrainian formats: a case of a name (`in`: the preposition у/в chosen by euphony, and the
# locative), a gender of an adjective, and numbers: the cardinal in words in a case, or a
# counted noun agreeing with the number.
_NUMBER_CASES = ("", "_gen", "_dat", "_acc", "_ins", "_loc")
UK_NAME_FORMATS = (*ukrainian.CASES, "in")
UK_GENDER_FORMATS = ("m", "f", "n", "pl")
UK_NUMBER_FORMATS = tuple(f"{word}{case}" for word in ("words", *ukrainian.COUNTED_NOUNS) for case in _NUMBER_CASES)
UK_FORMATS = (*UK_NAME_FORMATS, *UK_GENDER_FORMATS, *UK_NUMBER_FORMATS)
FORMATS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {"en": FORMATS, "uk": UK_FORMATS}

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_MONTHS = ("January February March April May June July August September October November December").split()


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


def literal(text: str) -> str:
    """Foreign text as clause text of ours: a word joiner keeps '{word}' from reading as one
    of our placeholders, so their wording is always data."""
    return PLACEHOLDER.sub(lambda m: "{\u2060" + m.group(0)[1:], text)


def placeholders_in(text: str) -> list[Placeholder]:
    return [Placeholder(m.group(1), m.group(2), m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]


def check_value(spec: ParamSpec, value: Any) -> tuple[Any, str | None]:
    """Validate one value against its parameter; returns (normalised value, error or None)."""
    kind = spec.type
    if isinstance(value, bool):
        return value, f"expected {_expected(spec)}, got a true/false value"
    if kind == "text":
        return _check_text(spec, value)
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


def _check_text(spec: ParamSpec, value: Any) -> tuple[Any, str | None]:
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


def format_value(
    spec: ParamSpec, value: Any, fmt: str | None = None, language: TextLanguage = "en", gender: ukrainian.Gender = "m"
) -> str:
    """The text a value stands for in a clause. In Ukrainian, `gender` is that of the noun a
    number counts (for «одна година», «дві години»)."""
    if language == "uk":
        return _format_uk(spec, value, fmt, gender)
    if fmt == "words" and isinstance(value, int) and not isinstance(value, bool):
        return number_in_words(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if spec.type == "decimal" and isinstance(value, (int, float)):
        if float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return str(value)


def _format_uk(spec: ParamSpec, value: Any, fmt: str | None, gender: ukrainian.Gender) -> str:
    if isinstance(value, Mapping):  # a name's case forms, or an adjective's genders
        wanted = fmt or ("m" if set(value) <= set(UK_GENDER_FORMATS) else "nom")
        return str(value.get(wanted) or value.get("nom") or value.get("m") or next(iter(value.values()), ""))
    if isinstance(value, int) and not isinstance(value, bool) and fmt in UK_NUMBER_FORMATS:
        word, _, case = fmt.partition("_")
        if not 0 <= value <= ukrainian.MAX_CARDINAL:
            return str(value)
        if word == "words":
            return ukrainian.cardinal(value, case or "nom", gender)  # type: ignore[arg-type]
        return ukrainian.counted(value, word, case or "nom")  # type: ignore[arg-type]
    if isinstance(value, dt.date):
        return ukrainian.format_date(value)
    if spec.type == "decimal" and isinstance(value, (int, float)):
        return ukrainian.format_decimal(value)
    if spec.type == "choice":
        return spec.choices_uk.get(str(value), str(value))
    return str(value)


def format_problem(spec: ParamSpec, fmt: str | None, language: TextLanguage = "en") -> str | None:
    """What is wrong with a placeholder's format for its parameter, or None."""
    if fmt is None:
        return None
    known = FORMATS_BY_LANGUAGE[language]
    if fmt not in known:
        if language == "en" and fmt in UK_FORMATS:
            return f"':{fmt}' is a Ukrainian format: the English text knows only :words"
        return f"unknown format ':{fmt}' (known: {_known_formats(language)})"
    if language == "uk":
        if fmt in UK_NUMBER_FORMATS and spec.type != "integer":
            return f"':{fmt}' counts a whole number, but {spec.name} is {spec.type}"
        if fmt in (*UK_NAME_FORMATS, *UK_GENDER_FORMATS) and spec.type != "text":
            return f"':{fmt}' is a grammatical case or gender of a name, but {spec.name} is {spec.type}"
    return None


def _known_formats(language: TextLanguage) -> str:
    if language == "en":
        return ", ".join(FORMATS)
    return (
        f"{', '.join(UK_NAME_FORMATS)} for names; m, f, n, pl for an adjective; words, months, years, hours, days, "
        "weeks, each alone or with _gen, _dat, _acc, _ins, _loc, for numbers"
    )


def unset_text(spec: ParamSpec, language: TextLanguage = "en") -> str:
    """What an unfilled parameter shows: a bracket the checker will flag."""
    if language == "uk":
        return spec.unset_text_uk or f"[{spec.label}]"
    return spec.unset_text or f"[{spec.label}]"


def resolve_values(specs: Mapping[str, ParamSpec], *layers: Mapping[str, Any]) -> dict[str, Any]:
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


def ukrainian_values(
    specs: Mapping[str, ParamSpec], values: Mapping[str, Any], partner_forms: Mapping[str, Mapping[str, str]]
) -> dict[str, Any]:
    """What each parameter stands for in the Ukrainian text. A free-text parameter takes its
    Ukrainian counterpart's value (a plain text: the nominative for every case), else the
    partner table's forms (a mapping of cases), else nothing (the Ukrainian unset text). A
    counterpart's default («Президент України») holds only while the English is its default
    too: a changed English title must not keep a Ukrainian that says otherwise. Numbers, dates
    and choices are the English values, written the Ukrainian way by the filler."""
    out: dict[str, Any] = {}
    for name, spec in specs.items():
        if name.endswith(UK_SUFFIX):
            continue
        counterpart = specs.get(name + UK_SUFFIX)
        if counterpart is None:
            out[name] = values.get(name)
            continue
        typed = values.get(name + UK_SUFFIX)
        if typed is not None and typed == counterpart.default and values.get(name) != spec.default:
            typed = None
        out[name] = typed if typed is not None else partner_forms.get(name)
    return out


@dataclass
class Filled:
    """A clause text with its placeholders filled."""

    text: str
    problems: list[str]  # unknown names or formats: the text cannot be used as it is
    spans: list[tuple[int, int, int, int]]  # (source start, source end, filled start, filled end)
    nominative_only: list[str]  # Ukrainian: placeholders left in the nominative (case forms unknown)

    def copy(self) -> Filled:
        return Filled(self.text, list(self.problems), list(self.spans), list(self.nominative_only))


# Filled texts by their source, language and the values of the parameters they use: a draft is
# assembled again on every keystroke, and all its other clauses come back the same. Each entry
# keeps its parameter table, so the table's id in the key cannot be reused while it is there.
_FILLED: dict[tuple[Any, ...], tuple[Mapping[str, ParamSpec], Filled]] = {}
_FILLED_LIMIT = 20_000


def fill(text: str, specs: Mapping[str, ParamSpec], values: Mapping[str, Any], language: TextLanguage = "en") -> Filled:
    """Replace every placeholder, in English or in Ukrainian (`values` are then the Ukrainian
    values of `ukrainian_values`)."""
    key = (text, language, id(specs), tuple(_frozen(values.get(name)) for name in _names_in(text)))
    cached = _FILLED.get(key)
    if cached is not None and cached[0] is specs:
        return cached[1].copy()
    result = _fill(text, specs, values, language)
    if len(_FILLED) >= _FILLED_LIMIT:
        _FILLED.clear()
    _FILLED[key] = (specs, result)
    return result.copy()


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    return (type(value).__name__, value)


@lru_cache(maxsize=8192)
def _names_in(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(match.group(1) for match in PLACEHOLDER.finditer(text)))


def _fill(text: str, specs: Mapping[str, ParamSpec], values: Mapping[str, Any], language: TextLanguage) -> Filled:
    result = Filled("", [], [], [])
    pieces: list[str] = []
    position = 0
    length = 0
    for match in PLACEHOLDER.finditer(text):
        before = text[position : match.start()]
        pieces.append(before)
        length += len(before)
        value = _replacement(match, specs, values, language, result)
        result.spans.append((match.start(), match.end(), length, length + len(value)))
        pieces.append(value)
        length += len(value)
        position = match.end()
    pieces.append(text[position:])
    result.text = "".join(pieces)
    return result


def fill_placeholders(
    text: str, specs: Mapping[str, ParamSpec], values: Mapping[str, Any], language: TextLanguage = "en"
) -> tuple[str, list[str]]:
    """Replace every placeholder; returns the text and the problems (unknown names or formats)."""
    filled = fill(text, specs, values, language)
    return filled.text, filled.problems


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
    text: str, specs: Mapping[str, ParamSpec], values: Mapping[str, Any], language: TextLanguage = "en"
) -> tuple[str, list[str], list[tuple[int, int, int, int]]]:
    """fill_placeholders, also returning where each placeholder went (see source_offset)."""
    filled = fill(text, specs, values, language)
    return filled.text, filled.problems, filled.spans


def _replacement(
    match: re.Match[str],
    specs: Mapping[str, ParamSpec],
    values: Mapping[str, Any],
    language: TextLanguage,
    result: Filled,
) -> str:
    name, fmt = match.group(1), match.group(2)
    spec = specs.get(name)
    if spec is None or (language == "uk" and name.endswith(UK_SUFFIX)):
        if spec is None:
            hint = did_you_mean(name, specs)
        else:
            hint = f" (write {{{name.removesuffix(UK_SUFFIX)}}}: the Ukrainian text takes its Ukrainian value)"
        result.problems.append(f"unknown placeholder {{{name}}}{hint}")
        return match.group(0)
    problem = format_problem(spec, fmt, language)
    if problem:
        result.problems.append(f"{problem} in {match.group(0)}")
        return match.group(0)
    value = values.get(name)
    if value is None:
        return unset_text(spec, language)
    if language == "en":
        return format_value(spec, value, fmt)
    if fmt in UK_NAME_FORMATS and fmt not in ("nom", "voc") and not isinstance(value, Mapping):
        result.nominative_only.append(match.group(0))
    if fmt == "in":
        name_in_locative = format_value(spec, value, "loc", "uk")
        return f"{ukrainian.preposition_in(match.string[: match.start()], name_in_locative)} {name_in_locative}"
    gender = _counted_gender(match, name) if fmt and fmt.startswith("words") else "m"
    return format_value(spec, value, fmt, "uk", gender)


def _counted_gender(match: re.Match[str], name: str) -> ukrainian.Gender:
    """The gender of the noun this number counts: the next `{name:<noun>}` placeholder of the
    same parameter in the same sentence («{n:words} ({n}) {n:hours}» counts hours: feminine)."""
    text = match.string
    ends = (text.find(". ", match.end()), text.find("\n", match.end()))
    sentence_end = min((i for i in ends if i >= 0), default=len(text))
    for following in PLACEHOLDER.finditer(text, match.end(), sentence_end):
        if following.group(1) == name and following.group(2):
            noun = following.group(2).split("_")[0]
            if noun in ukrainian.NOUNS:
                return ukrainian.noun_gender(noun)
    return "m"


def names_used(texts: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        seen.update(dict.fromkeys(_names_in(text)))
    return list(seen)
