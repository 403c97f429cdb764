"""The package's layout holds its pipeline: each sub-package of the loader
imports only those before it, none imports a command module, and nothing
imports in a cycle. Read from the source (every import, lazy and
type-checking ones too), so that a change that breaks the order fails here
before it can matter at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import factdb.loader

LOADER = Path(factdb.loader.__file__).parent
# The layers, in the order data flows; a layer may import any before it.
# `pipeline` is the one module that runs the stages in order for validate and build.
LAYERS = ("common", "read", "corpus", "build", "checks", "pipeline", "output", "report")


def _layer(module: tuple[str, ...]) -> str:
    """The layer of a module path inside the loader (('build', 'tables') -> 'build');
    a top-level module other than pipeline is a command."""
    return module[0] if module and module[0] in LAYERS else "command"


def _imports(root: Path = LOADER) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    """Each loader module (as its path of names) -> the loader modules it imports."""
    found: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).with_suffix("").parts
        package = rel[:-1]
        here = rel if rel[-1] != "__init__" else rel[:-1]
        targets: set[tuple[str, ...]] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                    target = (*base, *(node.module.split(".") if node.module else ()))
                elif node.module and node.module.startswith("factdb.loader"):
                    target = tuple(node.module.split(".")[2:])
                else:
                    continue
                for alias in node.names:  # `from . import x` imports module x
                    sub = (*target, alias.name)
                    is_module = (
                        root.joinpath(*sub).with_suffix(".py").is_file() or root.joinpath(*sub).is_dir()
                    )
                    targets.add(sub if is_module else target)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("factdb.loader."):
                        targets.add(tuple(alias.name.split(".")[2:]))
        found[here] = {t for t in targets if t != here}
    return found


def _upward(graph: dict[tuple[str, ...], set[tuple[str, ...]]]) -> list[str]:
    """Every import of a layer after the importer's, or of a command."""
    wrong = []
    for module, targets in graph.items():
        layer = _layer(module)
        if layer == "command":
            continue
        for target in targets:
            other = _layer(target)
            if other == "command" or LAYERS.index(other) > LAYERS.index(layer):
                wrong.append(f"{'/'.join(module)} ({layer}) imports {'/'.join(target)} ({other})")
    return sorted(wrong)


def test_each_layer_imports_only_those_before_it() -> None:
    wrong = _upward(_imports())
    assert not wrong, "\n".join(wrong)


def test_reading_imports_nothing_above_it() -> None:
    for module, targets in _imports().items():
        if _layer(module) == "read":
            assert {_layer(t) for t in targets} <= {"common", "read"}, module


def test_no_import_cycles() -> None:
    graph = _imports()
    state: dict[tuple[str, ...], int] = {}
    cycles: list[str] = []

    def visit(node: tuple[str, ...], trail: list[tuple[str, ...]]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
                cycles.append(" -> ".join("/".join(m) or "loader" for m in cycle))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)


def test_every_sub_package_states_its_contract_and_public_api() -> None:
    for layer in LAYERS:
        init = LOADER / layer / "__init__.py"
        if layer == "pipeline":
            init = LOADER / "pipeline.py"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init} has no docstring"
        if layer != "pipeline":
            names = [
                n
                for n in tree.body
                if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__all__"
            ]
            assert names, f"{init} declares no __all__"


def test_the_layer_test_sees_a_wrong_import(tmp_path: Path) -> None:
    """On a made-up loader, every kind of wrong import is found: a check that
    cannot fail would pass in silence."""
    for folder in ("read", "checks", "build"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "show.py").write_text("")
    (tmp_path / "checks" / "run.py").write_text("")
    (tmp_path / "read" / "reader.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..checks.run import x\n"
    )
    (tmp_path / "build" / "tables.py").write_text("def f():\n    from .. import show\n")
    (tmp_path / "checks" / "catalogue.py").write_text("from factdb.loader.build import tables\n")
    assert _upward(_imports(tmp_path)) == [
        "build/tables (build) imports show (command)",
        "read/reader (read) imports checks/run (checks)",
    ]


def test_every_sub_package_is_installed() -> None:
    """A sub-package pyproject.toml does not list works in a checkout (editable)
    and is missing from an installed copy (the pre-commit hooks install one)."""
    import tomllib

    root = LOADER.parent
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        "factdb.loader." + ".".join(p.parent.relative_to(LOADER).parts) for p in LOADER.rglob("__init__.py")
    }
    assert found - {"factdb.loader."} <= listed


def test_no_source_file_is_ignored_by_git() -> None:
    """A pattern such as `build/` in .gitignore once hid loader/build/: a
    module written there would never be committed, and a fresh clone would
    lack it."""
    import shutil
    import subprocess

    root = LOADER.parent
    if shutil.which("git") is None or not (root / ".git").exists():
        import pytest

        pytest.skip("not a git checkout")
    sources = [
        str(p.relative_to(root))
        for folder in ("loader", "schema", "queries")
        for p in (root / folder).rglob("*")
        if p.suffix in (".py", ".sql")
    ]
    run = subprocess.run(
        ["git", "check-ignore", "--no-index", *sources], cwd=root, capture_output=True, text=True
    )
    assert run.stdout == "", run.stdout


def test_each_package_api_is_its_type_checking_imports_and_all_of_them_resolve() -> None:
    """A sub-package's __init__ states its API once, as the imports of its
    `if TYPE_CHECKING:` block, imported lazily (common/lazy.py): __all__
    lists exactly those names, and each resolves at run time."""
    import importlib

    from factdb.loader.common.lazy import api_of

    for layer in LAYERS:
        if layer == "pipeline":
            continue
        package = importlib.import_module(f"factdb.loader.{layer}")
        api = api_of(LOADER / layer / "__init__.py")
        assert api, f"{layer}/__init__.py declares no API"
        assert sorted(package.__all__) == sorted(api), layer
        modules = {p.stem for p in (LOADER / layer).glob("*.py")} | {
            p.name for p in (LOADER / layer).iterdir()
        }
        # Once a module is imported, Python binds its name on the package: an
        # API name equal to a module's would then be the module, not the object.
        assert not set(api) & modules, (
            f"{layer}: {sorted(set(api) & modules)} name both a module and an API object"
        )
        for name in package.__all__:
            assert getattr(package, name) is not None, f"{layer}.{name}"


def test_a_command_pays_only_for_the_packages_it_uses() -> None:
    """Importing the CLI loads no stage's modules: each command imports what it
    needs when it runs (a check never loads pyarrow or the YAML readers)."""
    import subprocess
    import sys

    code = (
        "import sys, factdb.loader.cli, factdb.loader.checks.run;"
        "print(sorted(m for m in sys.modules if m.startswith(('factdb.loader.read', 'factdb.loader.build.',"
        " 'factdb.loader.corpus', 'pyarrow', 'yaml'))))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_the_warm_paths_do_not_load_the_sharded_cold_load() -> None:
    """multiprocessing and pyarrow.compute cost a warm build, a warm validate
    and coverage 40 ms they never use: only the cold path imports them."""
    import subprocess
    import sys

    code = "import sys, factdb.loader.pipeline, factdb.loader.report.coverage; print('factdb.loader.build.sharded' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
