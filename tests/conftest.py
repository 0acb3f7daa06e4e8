"""Shared fixtures: the small test library, the bundled library, example specs, a CLI runner,
spec-writing helpers.

Tests of the engine's mechanisms (assembly, placeholders, the playbook, spec validation, diffs) run
on `small_library`, a library invented for the tests (tests/fixtures/library/), so that they do not
break when the bundled library rightly changes. Tests that use `library` (the bundled clauses/) or
the examples either need a whole agreement (exports, the app, the reading of real texts) or pin the
bundled content on purpose, and say so."""

from __future__ import annotations

import sys

# The suite imports the package in every test process and in each command it runs as a subprocess
# (about 180 modules): compiled once into __pycache__, they load in half the time. A machine with
# PYTHONDONTWRITEBYTECODE set would compile them all again in every process.
sys.dont_write_bytecode = False

import gc

# The app tests make and drop millions of small objects (Textual's strips and segments, styles):
# with the default thresholds Python's cycle collector runs thousands of times and walks the whole
# heap (the library, the Ukrainian dictionary) at each full pass, a sixth of the suite's CPU time.
# Collecting less often, and leaving what the collection phase loaded out of it, frees the same
# garbage (reference counting frees nearly all of it at once anyway).
gc.set_threshold(100_000, 50, 100)


def pytest_collection_finish(session) -> None:  # type: ignore[no-untyped-def]
    gc.collect()
    gc.freeze()  # the modules and what the test modules built as they loaded: alive to the end


def pytest_sessionfinish(session) -> None:  # type: ignore[no-untyped-def]
    """The process ends now. Left to the collector, the garbage of the session (about two million
    objects in a worker) would be walked five times over by pytest's last search for finalizers
    that raise, two seconds before a worker can end; none of the project's objects has one."""
    gc.freeze()


import inspect
import itertools
import shutil
import textwrap
from pathlib import Path

import pytest
import textual._wait
import textual.constants
from textual.app import App
from textual.css.stylesheet import Stylesheet
from typer.testing import CliRunner

from bsa_drafter.library import load_library
from bsa_drafter.models import ClauseChoice, DraftSpec, Library
from bsa_drafter.spec import new_spec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SMALL_LIBRARY = Path(__file__).resolve().parent / "fixtures" / "library"
# shared/ stands beside the repository (in CI) or beside a folder of work trees
REFERENCE = next(
    (
        folder / "shared" / "reference" / "agreements"
        for folder in ROOT.parents
        if (folder / "shared" / "reference" / "agreements").is_dir()
    ),
    ROOT.parent / "shared" / "reference" / "agreements",
)


# --- Pilot: the app tests' waits ---------------------------------------------------------------
# Textual's Pilot waits for the app to go idle (its process spent under 1/20 of a slice on the CPU)
# in slices of SLEEP_GRANULARITY, 1/50 s: twice after every key pressed and once per pause, a tenth
# of a second of doing nothing per key. Slices of a millisecond (idle: under a tenth of it on the
# CPU) end the wait as soon as the app has handled what it was sent. What the app does later, on a
# timer or after its next refresh, a test waits for by its result (helpers/pilot.py: until). After
# every key Pilot also waits for the animations the key started (a scroll to the focused field
# glides for a fifth of a second); the tests check where things end up, so animations jump to
# their end, as with the setting
# TEXTUAL_ANIMATIONS=none (read when an app is made; the snapshot plugin imports textual before this
# file, too early for the environment variable). These settings are Textual's own, the first two
# private (textual is pinned in pyproject.toml): should one move, fail here, loudly, rather than
# leave the app tests slow or patch nothing.
PILOT_SETTINGS = [  # (module, setting, value, the code that reads it)
    (textual._wait, "SLEEP_GRANULARITY", 1 / 1000, textual._wait.wait_for_idle),
    (textual._wait, "SLEEP_IDLE", 1 / 1000 / 10, textual._wait.wait_for_idle),
    (textual.constants, "TEXTUAL_ANIMATIONS", "none", App.__init__),
]


def _apply_pilot_settings() -> None:
    for module, setting, value, reader in PILOT_SETTINGS:
        if not hasattr(module, setting) or setting not in reader.__code__.co_names:
            raise RuntimeError(f"{reader.__qualname__} no longer reads {module.__name__}.{setting}")
        setattr(module, setting, value)


_apply_pilot_settings()

# Every app parses the CSS of each of its widgets again (a twentieth of a second an app, some eighty
# apps a session). Textual keeps what a stylesheet parsed, keyed by the CSS and where it came from,
# for that stylesheet alone: here one store serves every app of the test process, keyed as well by
# the variables (the theme's colours) that the parse wrote into the rules. The rules are not changed
# once parsed: Textual itself hands the same ones to each new parse of a stylesheet.
_PARSED_CSS: dict[tuple, list] = {}
_parse_rules = Stylesheet._parse_rules


def _parse_rules_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):  # type: ignore[no-untyped-def]
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
    if key not in _PARSED_CSS:
        _PARSED_CSS[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return _PARSED_CSS[key]


if list(inspect.signature(_parse_rules).parameters) != [
    "self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"
] or "_variables" not in Stylesheet.__init__.__code__.co_names:  # fmt: skip
    raise RuntimeError("Textual's Stylesheet._parse_rules changed: update tests/conftest.py")
Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]


_PRIVATE_FOLDERS = itertools.count()


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """Every test reads its own settings file (absent unless the test writes it) and keeps its
    recovery copies and precedent index in folders of its own, never those of whoever runs the tests,
    and no terminal size from the environment."""
    # Not in tmp_path: pytest numbers a new tmp_path by listing every folder made before it, so
    # that each of a worker's thousand tests took longer than the last (two seconds a worker).
    home = tmp_path_factory.getbasetemp() / "private" / str(next(_PRIVATE_FOLDERS))
    home.mkdir(parents=True)
    path = home / "settings" / "config.toml"
    monkeypatch.setenv("BSA_DRAFTER_CONFIG", str(path))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))  # the precedent index the precedents view reads
    for size in ("LINES", "COLUMNS"):  # set by pytest-xdist's workers; a command sizes itself by its terminal
        monkeypatch.delenv(size, raising=False)
    return path


@pytest.fixture(scope="session")
def library() -> Library:
    """The bundled clause library (clauses/)."""
    return load_library()


@pytest.fixture(scope="session")
def small_library() -> Library:
    """The test library (tests/fixtures/library/), in the format of clauses/:
    - an unnumbered Preamble (opening.purpose, opening.membership: NATO support), Part I Support
      (subheadings Assistance: support.pledge; Consultations: support.consultation) and Part II
      Final Provisions (subheading Term and exit: final.term, final.exit);
    - outside the standard profile: support.training (under Assistance, so before Consultations
      when added) and final.differences (its own subheading, the last of Part II);
    - two variants of every clause, in English and Ukrainian;
    - parameters: partner_name (+ _uk), partner_formal_name, partner_adjective,
      ukraine_signatory_name ("[name]"), pledge_amount ("[amount]"), pledge_currency (EUR or USD),
      notice_months (6, 1..24), duration_years (10, 1..50);
    - one partner, Freedonia (with Ukrainian case forms), and two precedents, alpha and beta;
    - four rules: nato-support-missing (a missing feature), exit-by-notice and exit-notice-short
      (one finding per exit sentence) and open-brackets (info while working, error when final)."""
    return load_library(SMALL_LIBRARY)


@pytest.fixture()
def small_spec(small_library: Library) -> DraftSpec:
    """A new standard draft of the test library for Freedonia."""
    import datetime as dt

    return new_spec(small_library, "Freedonia", date=dt.date(2026, 11, 20))


@pytest.fixture()
def standard_spec(library: Library) -> DraftSpec:
    import datetime as dt

    return new_spec(library, "North Macedonia", date=dt.date(2026, 11, 20))


def with_choice(spec: DraftSpec, clause_id: str, **fields: object) -> DraftSpec:
    """A copy of the spec with one clause choice changed."""
    copy = spec.model_copy(deep=True)
    current = copy.clauses.get(clause_id) or ClauseChoice()
    copy.clauses[clause_id] = current.model_copy(update=fields)
    return copy


@pytest.fixture()
def cli():
    runner = CliRunner()
    from bsa_drafter.cli.main import app

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke


@pytest.fixture()
def write(tmp_path: Path):
    """Write a file (dedented text or bytes) under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture()
def examples_copy(tmp_path: Path) -> Path:
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


MINIMAL_SPEC = """
[draft]
partner = "North Macedonia"
round = 1
date = 2026-11-20
status = "working"
"""


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    """One headless LibreOffice for the whole session (tests/helpers/office.py), started at its first use."""
    from helpers.office import Office

    running = Office(tmp_path_factory.mktemp("office"))
    yield running
    running.stop()


def rules_of(spec: DraftSpec, library: Library) -> dict[str, list]:
    """The findings of a spec's assembled draft, by rule."""
    from bsa_drafter.assemble import assemble
    from bsa_drafter.playbook import check_draft

    found: dict[str, list] = {}
    for finding in check_draft(assemble(spec, library)).findings:
        found.setdefault(finding.rule, []).append(finding)
    return found
