"""`bsa-drafter config`: where the settings file is, what it sets, and every key binding."""

from __future__ import annotations

import typer
from rich.text import Text

from bsa_drafter.cli.app import ExitWith, app, err, handles_bad_input, out
from bsa_drafter.cli.console import report_problems
from bsa_drafter.errors import BadInput, Problem

config_app = typer.Typer(help="The settings file: its path, what it sets, the key bindings it can change.")
app.add_typer(config_app, name="config")


def _checked():  # type: ignore[no-untyped-def]
    """The settings, and every problem with them: the file's own, and the keymap's."""
    from bsa_drafter.settings import load_settings
    from bsa_drafter.tui.keys import check_keymap

    settings = load_settings()
    usable, keymap_problems = check_keymap(settings.keymap)
    problems = settings.problems + [
        Problem(str(settings.path), settings.line_of("keymap", binding_id), f"keymap.{binding_id}: {message}")
        for binding_id, message in keymap_problems
    ]
    settings.keymap = usable
    return settings, problems


@config_app.command("path")
def config_path() -> None:
    """Print where the settings file is (BSA_DRAFTER_CONFIG names another)."""
    from bsa_drafter.settings import settings_path

    print(settings_path())


@config_app.command("show")
@handles_bad_input
def config_show() -> None:
    """Print the settings in effect, as TOML; problems in the file go to stderr (exit 2)."""
    settings, problems = _checked()
    print(settings.as_toml(), end="")
    if problems:
        report_problems(err, problems)
        raise ExitWith(2)


@config_app.command("keys")
def config_keys() -> None:
    """Every key binding of the drafting app as a Markdown table, with the keys the settings'
    [keymap] chooses; the last column is the id to write there."""
    from bsa_drafter.tui.keys import markdown_table

    settings, _ = _checked()
    print(markdown_table(settings.keymap))


@config_app.command("init")
@handles_bad_input
def config_init(force: bool = typer.Option(False, "--force", help="Replace the settings file if it exists.")) -> None:
    """Write a settings file with every setting explained (and commented out)."""
    from bsa_drafter.files import atomic_write_text
    from bsa_drafter.settings import TEMPLATE, settings_path

    path = settings_path()
    if path.exists() and not force:
        raise BadInput(Problem(str(path), None, "already exists: not overwritten (use --force to replace it)"))
    atomic_write_text(path, TEMPLATE, what="settings file")
    out.print(Text(f"wrote {path}", style="green"))
