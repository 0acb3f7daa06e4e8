"""Long output in a terminal goes through a pager, as git does: `less -FRX` unless PAGER (or
the settings' `pager`) says otherwise; output that fits on the screen, output to a pipe, and
`--no-pager` are printed directly."""

from __future__ import annotations

import os
import shlex
import subprocess

from rich.console import Console, RenderableType

DEFAULT_PAGER = "less"
DEFAULT_LESS = "FRX"  # quit if one screen, keep colours, leave the text on screen after quitting


def pager_command() -> list[str]:
    """The settings' pager, else $PAGER, else less; [] for none."""
    from bsa_drafter.settings import load_settings

    configured = load_settings().pager
    command = configured if configured is not None else os.environ.get("PAGER", DEFAULT_PAGER)
    return shlex.split(command) if command.strip() else []


def print_paged(console: Console, renderable: RenderableType, allow_pager: bool = True) -> None:
    if not (allow_pager and console.is_terminal):
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    command = pager_command()
    if text.count("\n") < console.height or not command:
        console.file.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", DEFAULT_LESS)
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:  # no such pager: print, as if there were none
        console.file.write(text)
        return
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode(console.encoding or "utf-8", "replace"))
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end
        pass
    pager.wait()
