"""The layering docs/architecture.md describes, kept by tests: the core (every module outside
bsa_drafter/cli/ and bsa_drafter/tui/) imports no user-interface library, and no two modules
import each other when they are loaded."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bsa_drafter"
SHELLS = ("cli", "tui")
UI_LIBRARIES = ("textual", "typer", "click")


def modules_of(package: Path) -> dict[str, Path]:
    """Every module of a package folder, by its dotted name."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = modules_of(PACKAGE)


def core_modules() -> list[str]:
    return [
        name
        for name in MODULES
        if name.split(".")[1:2] not in ([shell] for shell in SHELLS) and name != "bsa_drafter.__main__"
    ]


def imported_on_load(name: str, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports as it loads: its top-level imports, not those
    inside functions (loaded on first use) or under `if TYPE_CHECKING:` (never run)."""
    path = modules[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from a import b` loads a, and a.b too when b is a module
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in modules and module != name}


def cycles_in(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each loop of imports found by a depth-first walk, as the chain of modules round it."""
    cycles = []
    state: dict[str, str] = {}  # visiting or done

    def visit(name: str, path: list[str]) -> None:
        state[name] = "visiting"
        for imported in sorted(graph[name]):
            if state.get(imported) == "visiting":
                cycles.append(path[path.index(imported) :] + [imported])
            elif imported not in state:
                visit(imported, [*path, imported])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def test_the_core_imports_no_user_interface_library() -> None:
    core = core_modules()
    assert "bsa_drafter.assemble" in core and "bsa_drafter.tui.app" not in core
    code = "import sys\n" + "".join(f"import {name}\n" for name in core)
    code += f"print(sorted(m for m in {UI_LIBRARIES!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_no_two_modules_import_each_other_as_they_load() -> None:
    graph = {name: imported_on_load(name, MODULES) for name in MODULES}
    assert "bsa_drafter.models" in graph["bsa_drafter.library"]  # the reading of imports works
    assert cycles_in(graph) == []


def test_a_loop_of_imports_is_caught(tmp_path: Path) -> None:
    """The check above is not idle: modules that import each other, relatively or by full name,
    through a package's __init__, are caught; an import inside a function is not a loop."""
    package = tmp_path / "bsa_drafter"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "one.py").write_text("from . import two\n")
    (package / "two.py").write_text("from bsa_drafter.sub import three\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "three.py").write_text("from ..one import thing\n")
    (package / "lazy.py").write_text("def f():\n    from bsa_drafter import one\n")
    modules = modules_of(package)
    graph = {name: imported_on_load(name, modules) for name in modules}
    assert graph["bsa_drafter.sub.three"] == {"bsa_drafter.one"}
    assert graph["bsa_drafter.lazy"] == set()
    assert cycles_in(graph) == [["bsa_drafter.one", "bsa_drafter.two", "bsa_drafter.sub.three", "bsa_drafter.one"]]
