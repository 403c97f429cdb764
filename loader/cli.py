"""The `factdb` command.  Each command parses options, calls one library
function, renders its result and maps errors to exit codes:
0 ok, 1 invalid data (or unreviewed error findings), 2 usage or internal error."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .errors import FactdbError, InvalidData
from .formats import Format, to_json
from .paths import default_db, default_facts, project_dir

if TYPE_CHECKING:
    from rich.console import Console

# Every command imports what it needs when it runs: `check` and `query` then
# never load the schema, Pydantic or the YAML reader, and start in a fraction
# of the time a full import takes.

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="factdb: facts from news articles as YAML, checked and loaded into DuckDB.",
)

FactsOpt = Annotated[
    Path | None, typer.Option("--facts", help="Folder of fact files [default: the project's facts/].")
]
DbOpt = Annotated[
    Path | None, typer.Option("--db", help="Database file [default: factdb.duckdb in the project].")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
ReportFormat = Annotated[Format, typer.Option("--format", "-f", help="table or json.")]

T = TypeVar("T")


def _console(err: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=err, no_color="NO_COLOR" in os.environ, highlight=False, soft_wrap=True)


def _run(fn: Callable[[], T], debug: bool, fmt: Format = Format.table) -> T:
    """Call the library; turn its errors into messages and exit codes."""
    try:
        return fn()
    except InvalidData as exc:
        for p in exc.problems:
            print(p.render(), file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        if fmt == Format.json:
            print(to_json({"ok": False, "problems": [p.as_dict() for p in exc.problems]}))
        raise typer.Exit(exc.exit_code) from None
    except FactdbError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(exc.exit_code) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            print(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)",
                file=sys.stderr,
            )
        raise typer.Exit(2) from None


def _only_report(fmt: Format) -> None:
    if fmt not in (Format.table, Format.json):
        print(f"error: --format {fmt.value} is not available here; use table or json", file=sys.stderr)
        raise typer.Exit(2)


@app.command()
def validate(facts: FactsOpt = None, fmt: ReportFormat = Format.table, debug: DebugOpt = False) -> None:
    """Check every fact file: YAML, schema, ids, dates and quotes; write nothing.

    Example: factdb validate --facts facts/
    """
    from . import build as build_mod
    from .progress_bar import progress_for

    _only_report(fmt)
    with progress_for(sys.stderr) as progress:
        result = _run(lambda: build_mod.validate(facts or default_facts(), progress=progress), debug, fmt)
    if fmt == Format.json:
        print(to_json({"ok": True, "files": result.files, "counts": result.counts}))
    else:
        summary = ", ".join(f"{n} {k}" for k, n in result.counts.items())
        _console().print(f"ok: {result.files} file(s) valid: {summary}")


@app.command()
def build(
    facts: FactsOpt = None, db: DbOpt = None, fmt: ReportFormat = Format.table, debug: DebugOpt = False
) -> None:
    """Validate the corpus and write a new database, swapped in atomically.

    Example: factdb build --facts facts/ --db factdb.duckdb
    """
    from . import build as build_mod
    from .progress_bar import progress_for

    _only_report(fmt)
    with progress_for(sys.stderr) as progress:
        result = _run(
            lambda: build_mod.build(facts or default_facts(), db or default_db(), progress=progress),
            debug,
            fmt,
        )
    if fmt == Format.json:
        print(to_json({"ok": True, "db": str(result.db), "files": result.files, "counts": result.counts}))
    else:
        summary = ", ".join(f"{n} {k}" for k, n in result.counts.items())
        _console().print(f"built {result.db} from {result.files} file(s): {summary}")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="The SQL to run (read-only).")],
    db: DbOpt = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table, csv, json, jsonl or markdown.")
    ] = Format.table,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", help="Bind $NAME to VALUE: -p NAME VALUE or -p NAME=VALUE (repeatable)."
        ),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Run ad hoc SQL against the database, opened read-only.

    Example: factdb query "select kind, count(*) n from facts group by kind" --format json
    Example: factdb query "select * from people where id = $who" -p who wang-yi
    """
    from .query import run_query
    from .render import rows_as

    params = dict(p.split("=", 1) for p in (param or []))
    result = _run(lambda: run_query(db or default_db(), sql, params), debug)
    rows_as(fmt, result.columns, result.rows, _console())


@app.command()
def check(
    db: DbOpt = None,
    fmt: ReportFormat = Format.table,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Run only these checks (id or tag).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Skip these checks (id or tag).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Unreviewed warnings fail too.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Run the consistency checks in queries/checks/ against the built database.

    Exit 1 while an unreviewed error finding remains (with --strict, a warning too).
    Example: factdb build && factdb check --select office --format json
    """
    from .checks import check_database
    from .render_checks import print_report, report_dict

    _only_report(fmt)
    report = _run(lambda: check_database(db or default_db(), select, exclude), debug)
    if fmt == Format.json:
        print(to_json(report_dict(report)))
    else:
        print_report(report, _console(), strict)
    if report.failing(strict):
        raise typer.Exit(1)


@app.command()
def coverage(
    facts: FactsOpt = None,
    fmt: ReportFormat = Format.table,
    min_percent: Annotated[
        float | None,
        typer.Option("--min", metavar="PERCENT", help="Exit 1 when any article is cited below PERCENT."),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Show how many of each article's sentences the evidence quotes cite, and the rest.

    Example: factdb coverage --format json --min 90
    """
    from .coverage import coverage as coverage_of
    from .coverage import coverage_dict, print_coverage

    _only_report(fmt)
    result = _run(lambda: coverage_of(facts or default_facts()), debug, fmt)
    if fmt == Format.json:
        print(to_json(coverage_dict(result)))
    else:
        print_coverage(result, _console())
    low = [a for a in result if min_percent is not None and a.percent < min_percent]
    for a in low:
        print(
            f"{a.article}: {a.percent:.1f}% of sentences cited, below --min {min_percent:g}", file=sys.stderr
        )
    if low:
        raise typer.Exit(1)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write it; - for standard output.")
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Write the JSON Schema of fact files (for editors and other validators).

    Example: factdb schema -o schema/factfile.schema.json
    """
    from .schema_export import write_schema

    target = output or project_dir() / "schema" / "factfile.schema.json"
    if str(target) == "-":
        print(json.dumps(_run(_schema_dict, debug), indent=2))
        return
    _run(lambda: write_schema(target), debug)
    _console().print(f"wrote {target}")


def _schema_dict() -> dict[str, Any]:
    from .schema_export import factfile_schema

    return factfile_schema()


def main() -> None:
    """Console-script entry point."""
    app(args=join_params(sys.argv[1:]), prog_name="factdb")


def join_params(argv: list[str]) -> list[str]:
    """Typer options take one value, so `-p NAME VALUE` becomes `-p NAME=VALUE`."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        takes_pair = arg in ("-p", "--param") and i + 2 < len(argv) + 1 and i + 1 < len(argv)
        if takes_pair and "=" not in argv[i + 1] and i + 2 < len(argv):
            out += [arg, f"{argv[i + 1]}={argv[i + 2]}"]
            i += 3
            continue
        out.append(arg)
        i += 1
    return out
