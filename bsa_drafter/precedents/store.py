"""The precedent index on disk: its format, where it lives, and how it is read and written.

The index is one UTF-8 JSON file (default: `precedent-index.json` in the user's data folder,
e.g. ~/.local/share/bsa-drafter/ on Linux). Its top level:

    format       "bsa-drafter precedent index"
    version      1 (FORMAT_VERSION): an index of another version is refused with the command
                 that rebuilds it; `precedents build` over an older index reads every file again
    built        when it was written (UTC, ISO 8601)
    folder       the folder of signed agreements it was built from (absolute)
    analysis     a fingerprint of the detectors, the reader, the clause mapping and the clause
                 library that made it: when they change, a rebuild reads every file again
    agreements   one object per signed agreement, sorted by date of signature:
      file, fingerprint ("sha256:..." of the file's bytes), size
      partner, partner_guess      the partner as corrected in the folder's precedents.toml, and
                                  as guessed from the text
      precedent                   the library's precedent id for it (clauses/precedents.toml), or null
      date, date_guess            date of signature (corrected / guessed; null when unknown)
      title
      language                    {code, confidence, evidence}
      features                    name -> {value, evidence: [{paragraph, start, end, quote, clause}]}:
                                  the detectors' features, plus `nato_support_formula`,
                                  `money_wording` and `language_clause` (see record.py)
      paragraphs                  every paragraph: {text, kind, heading, label, list_level, and for
                                  body text the clause map: clause, variant, status, similarity}
      units                       clause units (a lead paragraph and its bullets):
                                  {paragraphs: [index...], features: {name: value}} with the
                                  features whose evidence lies in that unit
      notes                       what limited the reading of this text
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from bsa_drafter.errors import BadInput, Problem
from bsa_drafter.files import atomic_write_text, read_bytes

FORMAT = "bsa-drafter precedent index"
FORMAT_VERSION = 1
INDEX_NAME = "precedent-index.json"
MAX_INDEX_BYTES = 500_000_000
REBUILD = "rebuild it with `bsa-drafter precedents build FOLDER`"


class _Stored(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StoredEvidence(_Stored):
    paragraph: int
    start: int
    end: int
    quote: str
    clause: str | None = None


class StoredFeature(_Stored):
    value: Any = None
    evidence: list[StoredEvidence] = []


class StoredParagraph(_Stored):
    text: str
    kind: Literal["heading", "paragraph"] = "paragraph"
    heading: str = ""
    label: str = ""
    list_level: int = 0
    clause: str | None = None
    variant: str | None = None
    status: Literal["match", "probable", "new"] | None = None
    similarity: float | None = None


class StoredUnit(_Stored):
    paragraphs: list[int]
    features: dict[str, Any] = {}


class StoredLanguage(_Stored):
    code: str
    confidence: float = 0.0
    evidence: str = ""


class IndexedAgreement(_Stored):
    """One signed agreement as the index keeps it."""

    file: str
    fingerprint: str
    size: int
    partner: str
    partner_guess: str
    precedent: str | None = None
    date: dt.date | None = None
    date_guess: dt.date | None = None
    title: str = ""
    language: StoredLanguage
    features: dict[str, StoredFeature] = {}
    paragraphs: list[StoredParagraph] = []
    units: list[StoredUnit] = []
    notes: list[str] = []

    def unit_text(self, unit: StoredUnit) -> str:
        return "\n".join(self.paragraphs[i].text for i in unit.paragraphs)

    def where(self, paragraph: int) -> str:
        """The headings a paragraph stands under, and its number: "Part IX / Termination, 1."."""
        stored = self.paragraphs[paragraph]
        where = stored.heading or "before the first heading"
        return f"{where}, {stored.label}" if stored.label else where


def date_order(agreement: IndexedAgreement) -> tuple[bool, dt.date, str]:
    """Agreements by date of signature, undated ones last, then by partner."""
    return (agreement.date is None, agreement.date or dt.date.max, agreement.partner.casefold())


class PrecedentIndex(_Stored):
    format: Literal["bsa-drafter precedent index"] = FORMAT
    version: int = FORMAT_VERSION
    built: dt.datetime
    folder: str
    analysis: str
    agreements: list[IndexedAgreement] = []
    _path: Path | None = PrivateAttr(default=None)
    _wording: Any = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        """Where the index was read from or written to."""
        return self._path

    def wording(self) -> Any:
        """The wording of every clause unit as vectors (a `WordingIndex`), built on first use."""
        if self._wording is None:
            from bsa_drafter.precedents.search import WordingIndex

            self._wording = WordingIndex(self)
        return self._wording

    def agreement(self, file: str) -> IndexedAgreement | None:
        return next((a for a in self.agreements if a.file == file), None)


def default_index_path() -> Path:
    """The index in the user's data folder (XDG_DATA_HOME is honoured on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("bsa-drafter", appauthor=False)) / INDEX_NAME


_cache: dict[str, tuple[tuple[int, int, int], PrecedentIndex]] = {}


def load_index(path: Path | None = None) -> PrecedentIndex | None:
    """The index at `path` (default: the user's data folder); None when none has been built
    there. An index that cannot be used (corrupt, another format or version) is a BadInput that
    says how to rebuild it. An unchanged file is read once per process."""
    path = Path(path) if path is not None else default_index_path()
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError:
        info = None  # read_bytes says what is wrong
    stamp = (info.st_ino, info.st_mtime_ns, info.st_size) if info else None
    key = str(path.absolute())
    cached = _cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    index = parse_index(read_bytes(path, max_bytes=MAX_INDEX_BYTES, what="precedent index"), str(path))
    index._path = path
    if stamp is not None:
        _cache[key] = (stamp, index)
    return index


def parse_index(data: bytes, label: str) -> PrecedentIndex:
    try:
        return PrecedentIndex.model_validate_json(data)
    except ValidationError as exc:
        raise BadInput(Problem(label, None, _why_unusable(data, exc))) from None


def _why_unusable(data: bytes, exc: ValidationError) -> str:
    import json

    try:
        header = json.loads(data)
    except (ValueError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        where = f" at line {line}" if line else ""
        return f"not a precedent index (malformed JSON{where}): {REBUILD}, or choose another index"
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return f'not a precedent index (no "format": "{FORMAT}"): choose another file, or {REBUILD}'
    version = header.get("version")
    if version != FORMAT_VERSION:
        age = "an older" if isinstance(version, int) and version < FORMAT_VERSION else "another"
        return (
            f"a precedent index of version {version!r}, made by {age} bsa-drafter; "
            f"this one reads version {FORMAT_VERSION}: {REBUILD}"
        )
    error = exc.errors()[0]
    location = ".".join(str(part) for part in error["loc"])
    return f"corrupt precedent index: {location}: {error['msg']}; {REBUILD}"


def index_version(data: bytes) -> int | None:
    """The version an index file declares, or None when it is not a precedent index at all."""
    import json

    try:
        header = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT or not isinstance(header.get("version"), int):
        return None
    return header["version"]


def save_index(index: PrecedentIndex, path: Path | None = None) -> Path:
    """Write the index atomically (default: the user's data folder)."""
    path = Path(path) if path is not None else default_index_path()
    atomic_write_text(path, index.model_dump_json(exclude_defaults=False) + "\n", what="precedent index")
    index._path = path
    _cache.pop(str(path.absolute()), None)
    return path


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
