"""The `factdb` command.  Each command parses options, calls one library
function, renders its result and maps errors to exit codes:
0 ok, 1 invalid data (or unreviewed error findings), 2 usage or internal error,
3 the environment (a database in use by another process, permissions, a full
disk), 130 interrupted (Ctrl-C), 141 standard output closed early (a broken
pipe: `factdb query ... | head -1`; nothing is printed). No bad input shows a
traceback without --debug, and no data is read as rich markup: the console
`_console` makes has markup and emoji codes off."""

import gc
import json
import os
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .common import FactdbError, InvalidData, default_db, default_facts, project_dir
from .output import ExportFormat, Format, ReportFmt, to_json

if TYPE_CHECKING:
    from rich.console import Console

    from .common import Progress, StageClock
    from .corpus.drafts import Draft
    from .wikidata import ImportResult

# Every command imports what it needs when it runs: `check` and `query` then
# never load the schema, the YAML readers or the build, and start in a fraction
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
ColdOpt = Annotated[
    bool,
    typer.Option(
        "--cold",
        help="Trust no file's size and mtime: read every fact file again, as if there were no earlier build.",
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]
ReportFormat = Annotated[ReportFmt, typer.Option("--format", "-f", help="table or json.")]

T = TypeVar("T")


class CheckFormat(StrEnum):
    """`check` alone speaks SARIF: only findings have a file and line to annotate."""

    table = "table"
    json = "json"
    sarif = "sarif"


def _console(err: bool = False) -> "Console":
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise _broken_pipe()  # rich's own exits 1

    return _Console(
        stderr=err,
        no_color="NO_COLOR" in os.environ,
        highlight=False,
        soft_wrap=True,
        markup=False,
        emoji=False,
    )


def _plain(console: "Console") -> bool:
    from .output import is_plain

    return is_plain(console)


def _broken_pipe() -> typer.Exit:
    """Standard output is gone: say nothing more (Python's last flush would fail
    too, so stdout goes to /dev/null) and exit 141, as a process killed by SIGPIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return typer.Exit(141)


def _emit(text: str) -> None:
    """Write `text` and a newline to standard output, which may close early."""
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise _broken_pipe() from None


def _environment(exc: Exception) -> str | None:
    """A plain message for a failure of the machine rather than of the input."""
    if isinstance(exc, PermissionError):
        return f"permission denied: {exc.filename or exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    if type(exc).__module__.startswith("duckdb") and "lock" in str(exc).lower():
        return "the database is in use by another process; try again when it is done"
    return None


def _run(fn: Callable[[], T], debug: bool, fmt: str = "table") -> T:
    """Call the library; turn its errors into messages and exit codes."""
    try:
        return fn()
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        raise _broken_pipe() from None
    except InvalidData as exc:
        for p in exc.problems:
            print(p.render(), file=sys.stderr)
        print(f"{exc.total} problem(s) found", file=sys.stderr)
        if fmt == "json":
            _emit(to_json({"ok": False, "problems": [p.as_dict() for p in exc.problems]}))
        raise typer.Exit(exc.exit_code) from None
    except FactdbError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(exc.exit_code) from None
    except Exception as exc:
        message = _environment(exc)
        if debug:
            traceback.print_exc()
        elif message:
            print(f"error: {message}", file=sys.stderr)
            raise typer.Exit(3) from None
        else:
            print(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)",
                file=sys.stderr,
            )
        raise typer.Exit(2) from None


TimingsOpt = Annotated[
    bool, typer.Option("--timings", help="Also report the seconds each stage took (read, resolve, ...).")
]


def _one_shot() -> None:
    """For a command that loads the corpus or a report and exits: everything it
    allocates lives until the end, so the cyclic collector can only waste time
    (a second at 100k facts after a load; 0.13 s of `check` at 27k findings)."""
    gc.disable()


def _timed(progress: "Progress", timings: bool) -> "tuple[Progress, StageClock | None]":
    from .common import StageClock, both

    if not timings:
        return progress, None
    clock = StageClock()
    return both(progress, clock), clock


def _staged(
    call: "Callable[[Progress], T]", timings: bool, debug: bool, fmt: str
) -> "tuple[T, StageClock | None]":
    """Run a long library call with a progress bar (at a terminal) and, with
    --timings, a clock of its stages."""
    from .output import progress_for

    _one_shot()
    with progress_for(sys.stderr) as bar:
        progress, clock = _timed(bar, timings)
        return _run(lambda: call(progress), debug, fmt), clock


def _summary(
    payload: dict[str, Any],
    counts: dict[str, int],
    clock: "StageClock | None",
    fmt: str,
    head: str,
    discarded: list[tuple[str, str]],
    facts_dir: Path,
) -> None:
    from .common import shown_name

    drafts = _drafts(facts_dir) if counts.get("drafts") else []
    times = {k: round(v, 3) for k, v in clock.seconds().items()} if clock else None
    for name, why in discarded:  # a warning, not a failure: each was computed again
        print(
            f"warning: discarded a damaged cache entry for {shown_name(name)}: {why}; computed again",
            file=sys.stderr,
        )
    if fmt == ReportFmt.json:
        found = [{"file": shown_name(n), "why": w} for n, w in discarded]
        drafted = [vars(d) for d in drafts]
        _emit(
            to_json(
                {
                    **payload,
                    "counts": counts,
                    "discarded": found,
                    "drafts": drafted,
                    **({"timings": times} if times else {}),
                }
            )
        )
        return
    _console().print(f"{head}: {', '.join(f'{n} {k}' for k, n in counts.items())}")
    _print_drafts(drafts)
    if times:
        shown = [f"{k} {v:.2f} s" for k, v in times.items()]
        shown.append(f"cache entries discarded {len(discarded)}")
        print("timings: " + ", ".join(shown), file=sys.stderr)


# How many unconfirmed drafts a summary lists by line before it counts the rest.
SHOWN_DRAFTS = 20


def _drafts(facts_dir: Path) -> "list[Draft]":
    from .corpus.drafts import unconfirmed

    return unconfirmed(facts_dir.resolve())


def _print_drafts(drafts: "list[Draft]") -> None:
    """Where the unconfirmed drafts are, one `file:line:col` line each (on stderr)."""
    from .common import shown_name

    if not drafts:
        return
    print(
        f"note: {len(drafts)} drafted fact(s) not confirmed, so left out of the database; "
        "check each against its quote and move it under `facts:` to confirm it",
        file=sys.stderr,
    )
    for d in drafts[:SHOWN_DRAFTS]:
        print(
            f"{shown_name(d.file)}:{d.line}:{d.col}: draft {d.id} ({d.kind}) is not confirmed [draft.unconfirmed]",
            file=sys.stderr,
        )
    if len(drafts) > SHOWN_DRAFTS:
        print(f"... and {len(drafts) - SHOWN_DRAFTS} more", file=sys.stderr)


ArticleFileArg = Annotated[Path, typer.Argument(help="The article's text, UTF-8.")]
IdOpt = Annotated[
    str | None,
    typer.Option("--id", help="The article's id [default: the file name without a leading number]."),
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="The outlet's name.")]
HeadlineOpt = Annotated[str | None, typer.Option("--headline", help="The headline as published.")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="Where the article was published.")]
BasisOpt = Annotated[str, typer.Option("--basis", help="stated or inferred.")]
ReasonOpt = Annotated[str | None, typer.Option("--reason", help="How the date is known.")]


@app.command()
def validate(
    facts: FactsOpt = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="A database built from these facts: only the files changed since are read again "
            "[default: factdb.duckdb in the project, if built].",
        ),
    ] = None,
    fmt: ReportFormat = ReportFmt.table,
    timings: TimingsOpt = False,
    cold: ColdOpt = False,
    no_drafts: Annotated[
        bool,
        typer.Option(
            "--no-drafts",
            help="Exit 1 while any draft is left unconfirmed (for CI: an article is done when each "
            "draft is confirmed or deleted).",
        ),
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Check every fact file: YAML, schema, ids, dates and quotes; write nothing.

    Where a build left its record, only the files changed since are read again
    and checked against the rest of the corpus as the database holds it.

    \b
    Example: factdb validate --facts facts/ --no-drafts
    """
    from .pipeline import validate as validate_corpus

    result, clock = _staged(
        lambda progress: validate_corpus(facts or default_facts(), db or default_db(), progress, cold),
        timings,
        debug,
        fmt,
    )
    warm = "" if result.reread is None else f", {result.reread} read again"
    _summary(
        {"ok": True, "files": result.files, "reread": result.reread},
        result.counts,
        clock,
        fmt,
        f"ok: {result.files} file(s) valid{warm}",
        result.discarded,
        facts or default_facts(),
    )
    if no_drafts and result.counts.get("drafts"):
        n = result.counts["drafts"]
        print(f"{n} draft(s) not confirmed: confirm or delete each (--no-drafts)", file=sys.stderr)
        raise typer.Exit(1)


@app.command()
def build(
    facts: FactsOpt = None,
    db: DbOpt = None,
    fmt: ReportFormat = ReportFmt.table,
    timings: TimingsOpt = False,
    cold: ColdOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Validate the corpus and write a new database, swapped in atomically.

    \b
    Example: factdb build --facts facts/ --db factdb.duckdb
    """
    from .pipeline import build as build_database

    result, clock = _staged(
        lambda progress: build_database(facts or default_facts(), db or default_db(), progress, cold),
        timings,
        debug,
        fmt,
    )
    warm = "" if result.reread is None else f", {result.reread} read again"
    _summary(
        {"ok": True, "db": str(result.db), "files": result.files, "reread": result.reread},
        result.counts,
        clock,
        fmt,
        f"built {result.db} from {result.files} file(s){warm}",
        result.discarded,
        facts or default_facts(),
    )


@app.command()
def query(
    sql: Annotated[str | None, typer.Argument(help="The SQL to run (read-only); or use --saved.")] = None,
    saved: Annotated[
        str | None,
        typer.Option("--saved", metavar="NAME", help="Run the saved query NAME (see --list) instead of SQL."),
    ] = None,
    list_saved: Annotated[
        bool, typer.Option("--list", help="List the saved queries: id, params and description.")
    ] = False,
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
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=0,
            metavar="N",
            help="At most N rows, in any format [default: every row; the table shows at most 1000].",
        ),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Run ad hoc SQL, or a saved query of queries/saved/, against the database, opened read-only.

    \b
    Example: factdb query "select kind, count(distinct id) n from facts group by kind" --format json
    Example: factdb query "select * from people where id = $who" -p who wang-yi
    Example: factdb query --saved holder-on -p office china-foreign-minister -p date 2023-06-19
    Example: factdb query --list
    """
    from .output import rows_as
    from .output.render import TABLE_ROWS
    from .query import open_query, parse_params, saved_call, saved_queries

    misuse = None
    if list_saved and (sql is not None or saved is not None or param):
        misuse = "--list takes no SQL, --saved or -p"
    elif sql is not None and saved is not None:
        misuse = "give SQL or --saved NAME, not both"
    elif sql is None and saved is None and not list_saved:
        misuse = "give SQL to run, --saved NAME, or --list"
    if misuse:
        print(f"error: {misuse}", file=sys.stderr)
        raise typer.Exit(2)
    if list_saved:
        found = _run(saved_queries, debug)
        rows = [(s.id, list(s.params), s.description) for s in found]
        rows_as(fmt, ["id", "params", "description"], rows, _console())
        return
    params = _run(lambda: parse_params(param or []), debug)
    target = db or default_db()
    if saved is not None:
        name = saved
        text, params, what = _run(lambda: saved_call(name, params), debug)
    else:
        text, what = sql or "", "query"
    table_rows = TABLE_ROWS if limit is None else limit

    def stream() -> None:
        with open_query(target, text, params, what) as result:
            rows_as(fmt, result.columns, result.rows(limit), _console(), table_rows)
            sys.stdout.flush()

    _run(stream, debug)


@app.command()
def check(
    db: DbOpt = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="table, json, or sarif (SARIF 2.1.0, for code scanning)."),
    ] = CheckFormat.table,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="ID|TAG", help="Run only these checks (id or tag; repeatable)."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", metavar="ID|TAG", help="Skip these checks (id or tag; repeatable)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Unreviewed warnings fail too.")] = False,
    build_first: Annotated[
        bool,
        typer.Option("--build", help="Build the database from --facts first (one command for hooks and CI)."),
    ] = False,
    facts: Annotated[
        Path | None,
        typer.Option("--facts", help="With --build: folder of fact files [default: the project's facts/]."),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Run the consistency checks in queries/checks/ against the built database.

    Exit 1 while an unreviewed error finding remains (with --strict, a warning too),
    or, with --build, while the facts are invalid.

    \b
    Example: factdb check --select office --format json
    Example: factdb check --build --format sarif > factdb.sarif
    """
    if facts is not None and not build_first:
        print("error: --facts needs --build: check reads a database already built", file=sys.stderr)
        raise typer.Exit(2)
    target = db or default_db()
    _one_shot()
    if build_first:
        from . import pipeline as build_mod

        # Problems go out as JSON on stdout only where stdout is JSON.
        problems_as = Format.json if fmt == CheckFormat.json else Format.table
        built, report = _run(
            lambda: build_mod.build_and_check(facts or default_facts(), target, select, exclude),
            debug,
            problems_as,
        )
        if fmt == CheckFormat.table:
            _console().print(f"built {built.db} from {built.files} file(s)")
    elif fmt == CheckFormat.table and _plain(console := _console()):
        from .output import plain_report, print_report

        # A pipe or a CI log: DuckDB lays out the findings, tens of thousands at a million facts.
        plain = _run(lambda: plain_report(target, select, exclude), debug)
        print_report(plain, console, strict)
        if plain.failing_count(strict):
            raise typer.Exit(1)
        return
    else:
        from .checks import check_database

        report = _run(lambda: check_database(target, select, exclude), debug)
    if fmt == CheckFormat.json:
        from .output import report_dict

        _emit(to_json(report_dict(report), native=True))
    elif fmt == CheckFormat.sarif:
        from .output import factdb_version, sarif_log

        _emit(to_json(sarif_log(report, factdb_version())))
    else:
        from .output import print_report

        print_report(report, _console(), strict)
    if report.failing(strict):
        raise typer.Exit(1)


@app.command()
def coverage(
    facts: FactsOpt = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="A database built from these facts, read as of the facts now "
            "[default: factdb.duckdb in the project, if built].",
        ),
    ] = None,
    fmt: ReportFormat = ReportFmt.table,
    min_percent: Annotated[
        float | None,
        typer.Option("--min", metavar="PERCENT", help="Exit 1 when any article is cited below PERCENT."),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Show how many of each article's sentences the evidence quotes cite, and the rest.

    \b
    Example: factdb coverage --format json --min 90
    """
    from .report import coverage_dict, print_coverage
    from .report.coverage import coverage as coverage_of

    result = _run(lambda: coverage_of(facts or default_facts(), db or default_db()), debug, fmt)
    if fmt == ReportFmt.json:
        _emit(to_json(coverage_dict(result)))
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
def report(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to write index.html into (created if missing).")
    ],
    facts: FactsOpt = None,
    db: DbOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write a static HTML report of the built database: findings with their quotes
    marked in the articles, a timeline, coverage and checks; it works offline.

    \b
    Example: factdb report -o report/
    """
    from .report import write_report

    target, result = _run(lambda: write_report(db or default_db(), facts or default_facts(), output), debug)
    _console().print(f"wrote {target}", markup=False)
    _console().print(result.summary(), markup=False)


@app.command()
def export(
    out_dir: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write into (made if missing).")],
    db: DbOpt = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="parquet (every table and view), or claimreview (findings reviewed as confirmed "
            "conflicts, as schema.org ClaimReview JSON-LD).",
        ),
    ] = ExportFormat.parquet,
    review_url: Annotated[
        str | None,
        typer.Option(
            "--review-url", metavar="URL", help="claimreview: the page that publishes the reviews (required)."
        ),
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option(
            "--publisher", metavar="NAME", help="claimreview: who publishes the reviews [default: factdb]."
        ),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Write every table and view of the database as DIR/<name>.parquet, and DIR/schema.sql;
    or, with --format claimreview, DIR/claimreview.jsonld.

    schema.sql recreates the checks' macros and one view per file, so the SQL of
    queries/checks/ runs on the export. The database is opened read-only.

    \b
    Example: factdb export --format parquet export/
    Example: factdb export --format claimreview --review-url https://example.org/checks claims/
    """
    from .export import export_database

    result = _run(lambda: export_database(db or default_db(), out_dir, fmt, review_url, publisher), debug)
    if fmt == ExportFormat.claimreview:
        _console().print(f"wrote {result.claim_reviews} ClaimReview(s) to {result.schema}")
        return
    rows = sum(r.rows for r in result.relations)
    _console().print(
        f"wrote {len(result.relations)} Parquet file(s) ({rows} rows) and {result.schema.name} to {result.out_dir}"
    )


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write it; - for standard output.")
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Write the JSON Schema of fact files (for editors and other validators).

    \b
    Example: factdb schema -o schema/factfile.schema.json
    """
    target = output or project_dir() / "schema" / "factfile.schema.json"
    if str(target) == "-":
        _emit(json.dumps(_run(_schema_dict, debug), indent=2))
        return
    from .schema_export import write_schema

    _run(lambda: write_schema(target), debug)
    _console().print(f"wrote {target}")


@app.command()
def editor(
    facts: FactsOpt = None,
    check_only: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if a file or the settings need it.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Point every fact file (a yaml-language-server modeline) and VS Code
    (.vscode/settings.json) at the JSON Schema, for completion as you type.

    \b
    Example: factdb editor --check
    """
    from .editor import setup_editor

    result = _run(lambda: setup_editor(facts or default_facts(), check_only), debug)
    for c in result.changes:
        state = {"added": "has no modeline", "corrected": "has a modeline pointing elsewhere"}[c.action]
        print(f"{c.file}: {state}; want: {c.modeline}" if check_only else f"{c.file}: modeline {c.action}")
    if result.settings_changed:
        print(f"{result.settings}: {'would need' if check_only else 'added'} the yaml.schemas mapping")
    if result.current:
        _console().print(f"ok: {result.files} fact file(s) and {result.settings} point at {result.schema}")
    elif check_only:
        raise typer.Exit(1)


@app.command()
def new(
    article_file: ArticleFileArg,
    facts: FactsOpt = None,
    id: IdOpt = None,
    outlet: OutletOpt = None,
    headline: HeadlineOpt = None,
    url: UrlOpt = None,
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="DATE", help="Publication date: YYYY-MM-DD, YYYY-MM or YYYY."),
    ] = None,
    basis: BasisOpt = "stated",
    reason: ReasonOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Register a new article: copy its text into seeds/ and write a starter fact file
    with its metadata and a commented example of every kind of fact. The file takes the
    number after the corpus's last (facts/articles/019-<id>.yaml, ids a019-...), whatever
    number the text's own file name starts with.

    \b
    Example: factdb new ~/Downloads/blinken-beijing.txt --outlet Reuters --published 2024-04-26
    """
    from .new_article import ArticleEntry, new_article

    result = _run(
        lambda: new_article(
            article_file,
            facts or default_facts(),
            ArticleEntry(outlet, headline, published, basis, reason, url),
            id=id,
        ),
        debug,
    )
    copied = "copied to" if result.seed_copied else "already in"
    print(f"{article_file.name}: {copied} {result.seed} (sha256 {result.sha256})")
    print(f"wrote {result.fact_file} for article {result.id}")
    if result.todo:
        print(f"to fill in: {', '.join(result.todo)} (factdb validate points at each TODO)")


@app.command()
def draft(
    article_file: ArticleFileArg,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date, YYYY-MM-DD: the drafts' dates resolve against it.",
        ),
    ] = None,
    facts: FactsOpt = None,
    db: DbOpt = None,
    id: IdOpt = None,
    outlet: OutletOpt = None,
    headline: HeadlineOpt = None,
    url: UrlOpt = None,
    basis: BasisOpt = "stated",
    reason: ReasonOpt = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Build a copy of the corpus with the drafts as facts and print the findings they raise.",
        ),
    ] = False,
    fmt: ReportFormat = ReportFmt.table,
    debug: DebugOpt = False,
) -> None:
    """Register a new article as `new` does, and draft its checkable claims: roles,
    meetings and visits (linked to recorded occurrences), durations, figures, ages,
    statements, each quoting its sentence, in the file's `drafts:` section. No draft
    is loaded until a person moves it under `facts:`.

    \b
    Example: factdb draft ~/Downloads/blinken-beijing.txt --published 2024-04-26 --outlet Reuters --check
    """
    from .draft import draft_article
    from .new_article import ArticleEntry

    result = _run(
        lambda: draft_article(
            article_file,
            facts or default_facts(),
            db or default_db(),
            ArticleEntry(outlet, headline, published, basis, reason, url),
            id=id,
            check=check,
        ),
        debug,
        fmt,
    )
    from .output.formats import escape_control

    kinds: dict[str, int] = {}
    for p in result.proposals:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    if fmt == ReportFmt.json:
        _emit(
            to_json(
                {
                    "article": result.id,
                    "fact_file": str(result.fact_file),
                    "drafted": kinds,
                    "new_occurrences": [o.id for o in result.occurrences],
                    "new_people": result.people,
                    "new_offices": result.offices,
                    "candidates": [vars(c) for c in result.candidates],
                    "findings": None
                    if result.findings is None
                    else [
                        {"check": f.check, "severity": f.severity, "key": f.key, "message": f.message}
                        for f in result.findings
                    ],
                }
            )
        )
        return
    shown = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "nothing"
    print(f"wrote {result.fact_file} for article {result.id}: drafted {shown}")
    if result.occurrences:
        print(
            f"proposed {len(result.occurrences)} new occurrence(s): {', '.join(o.id for o in result.occurrences)}"
        )
    if result.offices:
        print(f"proposed {len(result.offices)} new office(s): {', '.join(result.offices)}")
    if result.candidates:
        print(
            f"{len(result.candidates)} name(s) or title(s) no entity carries are listed at the top of the file"
        )
    print("no draft is loaded until you move it under `facts:`; `factdb validate` lists those left")
    if result.findings is not None:
        if not result.findings:
            print("--check: the drafts raise no finding")
        for f in result.findings:
            print(f"--check: {f.severity} {f.check}: {escape_control(f.message)}")


import_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Write background records from an outside source (Wikidata) into a file of their own.",
)
app.add_typer(import_app, name="import")


@import_app.command("wikidata")
def import_wikidata_cmd(
    qids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QID]...",
            help="Wikidata items to import, e.g. Q15031 [default: the corpus's people with `wikidata:`, "
            "and with --from, the people in it the corpus names].",
        ),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="PATH",
            help="Saved entity JSON: a file, a folder of files, or a dump (offline) [default: the live "
            "Wikidata API].",
        ),
    ] = None,
    retrieved: Annotated[
        str | None,
        typer.Option(
            "--retrieved",
            metavar="DATE",
            help="When the entities were read, YYYY-MM-DD [default: each entity revision's date].",
        ),
    ] = None,
    facts: FactsOpt = None,
    db: DbOpt = None,
    fmt: ReportFormat = ReportFmt.table,
    debug: DebugOpt = False,
) -> None:
    """Terms of office (P39, with start and end and their precision), birth dates and
    names from Wikidata, written to facts/background/wikidata.yaml, each citing the
    statement it came from. Hand-written records are never touched; `factdb check`
    reports where they and Wikidata disagree (wikidata-disagrees).

    \b
    Example: factdb import wikidata --from saved-entities/
    """
    import datetime as dt

    from .common import UsageError
    from .wikidata import import_wikidata

    def run() -> "ImportResult":
        day = None
        if retrieved is not None:
            try:
                day = dt.date.fromisoformat(retrieved)
            except ValueError:
                raise UsageError(f"--retrieved {retrieved!r} is not a day (YYYY-MM-DD)") from None
        return import_wikidata(facts or default_facts(), db or default_db(), qids or [], source, day)

    result = _run(run, debug, fmt)
    r = result.records
    if fmt == ReportFmt.json:
        _emit(
            to_json(
                {
                    "file": str(result.file),
                    "read": result.read,
                    "missing": result.missing,
                    "new_people": [p["id"] for p in r.people],
                    "matched": [
                        {"person": p, "wikidata": q, "by": how, "where": where}
                        for p, q, how, where in r.matched
                    ],
                    "new_offices": [o["id"] for o in r.offices],
                    "unnamed_offices": r.unnamed_offices,
                    "terms": sum(1 for f in r.facts if f["kind"] == "role"),
                    "births": sum(1 for f in r.facts if f["kind"] == "birth")
                    + sum(1 for p in r.people if "born" in p),
                    "skipped": [{"statement": s, "why": why} for s, why in r.skipped],
                }
            )
        )
        return
    terms = sum(1 for f in r.facts if f["kind"] == "role")
    print(
        f"wrote {result.file}: {len(result.read)} entit{'y' if len(result.read) == 1 else 'ies'} read, "
        f"{terms} term(s), {len(r.people)} new people, {len(r.offices)} new office(s)"
    )
    for person, qid, how, where in r.matched:
        hint = f" (add `wikidata: {qid}` to it at {where} to pin it)" if how == "name" else ""
        print(f"  {qid} is {person}, by {how}{hint}")
    if r.unnamed_offices:
        print(
            f"  {len(r.unnamed_offices)} office(s) titled by their Q-id only (their entity was not in the "
            f"source): {', '.join(r.unnamed_offices)}"
        )
    for statement, why in r.skipped:
        print(f"  left out {statement}: {why}")
    if result.missing:
        print(f"  not in the source: {', '.join(result.missing)}")
    print("`factdb check` compares them with the record written by hand (wikidata-disagrees)")


@app.command("show")
def show_cmd(
    id: Annotated[str, typer.Argument(help="An id: person, office, place, occurrence, article or fact.")],
    db: DbOpt = None,
    fmt: ReportFormat = ReportFmt.table,
    debug: DebugOpt = False,
) -> None:
    """Everything the corpus holds about one id: every claim from every article
    with its quote and file:line, and every finding that involves it.

    \b
    Example: factdb show wang-yi
    """
    from .show import print_shown, show

    shown = _run(lambda: show(db or default_db(), id), debug)
    if fmt == ReportFmt.json:
        _emit(to_json(shown.as_dict()))
    else:
        print_shown(shown, _console())


def _schema_dict() -> dict[str, Any]:
    from .schema_export import factfile_schema

    return factfile_schema()


def main() -> None:
    """Console-script entry point."""
    app(args=join_params(sys.argv[1:]), prog_name="factdb")


def join_params(argv: list[str]) -> list[str]:
    """Typer options take one value, so `-p NAME VALUE` becomes `-p NAME=VALUE`;
    not when what follows NAME is a long option (`-p NAME --db X`): NAME then
    lacks its value, which `query` reports, instead of binding it to '--db'."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        takes_pair = arg in ("-p", "--param") and i + 2 < len(argv) + 1 and i + 1 < len(argv)
        if takes_pair and "=" not in argv[i + 1] and i + 2 < len(argv) and not argv[i + 2].startswith("--"):
            out += [arg, f"{argv[i + 1]}={argv[i + 2]}"]
            i += 3
            continue
        out.append(arg)
        i += 1
    return out
