"""A package's public API, imported when first used.

Each sub-package's ``__init__`` declares its public API as the imports of an
``if TYPE_CHECKING:`` block (what type checkers and readers see) and lists
them in ``__all__``; at run time ``__getattr__ = lazy_api(__name__, __file__)``
imports a name's module only when the name is first asked for. So importing
one module of a package (``factdb check`` needs ``checks`` and ``output``
but neither pyarrow nor the YAML readers) never pays for the others, and the
API is still stated once, by those imports: this reads them back from the
``__init__``'s own source."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any


def lazy_api(package: str, init_file: str) -> Callable[[str], Any]:
    """The module ``__getattr__`` of `package`, whose ``__init__`` is `init_file`."""
    where: dict[str, tuple[str, str]] = {}

    def __getattr__(name: str) -> Any:
        if not where:
            where.update(api_of(Path(init_file)))
        found = where.get(name)
        if found is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = found
        return getattr(importlib.import_module(f"{package}.{module}"), attribute)

    return __getattr__


def api_of(init_file: Path) -> dict[str, tuple[str, str]]:
    """Each name a package's ``if TYPE_CHECKING:`` block imports from one of
    its modules: name -> (module, name in the module)."""
    out: dict[str, tuple[str, str]] = {}
    for node in ast.parse(init_file.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom) and stmt.level == 1 and stmt.module:
                    for alias in stmt.names:
                        out[alias.asname or alias.name] = (stmt.module, alias.name)
    return out
