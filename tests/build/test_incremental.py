"""Warm builds: after an edit, only the changed files are read, and the database
is exactly the one a cold build of the same files writes; whatever the warm
path cannot vouch for is built cold, and a bad edit still fails located."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from factdb.loader.build import incremental
from factdb.loader.build import state as build_state
from factdb.loader.common import InvalidData
from factdb.loader.pipeline import BuildResult, build, validate
from factdb.loader.read import stamps
from hypothesis import example, given
from hypothesis import strategies as st

from ..conftest import ARTICLE_TEXT, Project, minimal_corpus

QUOTES = [
    "Officials met in Beijing on Monday",
    "The meeting lasted about five hours",
    "Trade reached nearly $7 billion",
    "a spokesman said",
]
WHENS = ["on Monday", "2023-06-19", "last year", "2023-06", "earlier this week"]


def corpus() -> dict[str, dict[str, Any]]:
    """Three files: entities, the article with its facts, and facts from another
    file that cite the article (so they depend on its date and text)."""
    base = minimal_corpus()
    entities = {
        "people": [*base["people"], {"id": "cy", "name": "Cy"}],
        "countries": [{"id": "china", "name": "China"}],
        "places": [{"id": "beijing", "name": "Beijing", "type": "city", "parent": "china"}],
        "occurrences": [
            *base["occurrences"],
            {"id": "summit", "kind": "meeting", "label": "The summit", "reason": "one article"},
            {"id": "spare", "kind": "event", "label": "Unused", "reason": "no fact yet"},
        ],
    }
    article = {"articles": base["articles"], "facts": base["facts"]}
    article["facts"][0]["venue"] = "beijing"
    others = {
        "facts": [
            {
                "id": "m2",
                "kind": "meeting",
                "of": "talks",
                "part_of": "summit",
                "participants": ["ann", "cy"],
                "when": "on Monday",
                # against the other account's "about five hours": no length fits both
                "duration": {"value": 3, "unit": "hour", "hedge": "about"},
                "evidence": [{"source": "art", "quote": "The meeting lasted about five hours"}],
            },
            {
                "id": "s1",
                "kind": "statement",
                "speaker": "bob",
                "said": "Trade reached nearly $7 billion",
                "when": "last year",
                "evidence": [{"source": "art", "quote": "Trade reached nearly $7 billion"}],
            },
        ]
    }
    return {"entities.yaml": entities, "a.yaml": article, "b/others.yaml": others}


def padded() -> dict[str, dict[str, Any]]:
    """corpus() and eight files of one person each: so that an edit of two or
    three files stays under the share of changed files above which a build
    goes cold, and takes the warm path."""
    pads = {f"pad/{n}.yaml": {"people": [{"id": f"pad-{n}", "name": f"Pad {n}"}]} for n in range(8)}
    return {**corpus(), **pads}


def write_all(project: Project, files: dict[str, dict[str, Any]]) -> None:
    for name, data in files.items():
        project.write(name, data)
    present = {p.relative_to(project.facts).as_posix() for p in project.facts.rglob("*.yaml")}
    for gone in present - set(files):
        (project.facts / gone).unlink()


def dump(db: Path) -> dict[str, list[str]]:
    """Every table, every column (locations included), rows as a sorted multiset."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}
    finally:
        con.close()


def cold(project: Project, name: str = "cold") -> Path:
    """The same facts built from nothing, into a folder with no state and no cache."""
    folder = project.root / name
    shutil.rmtree(folder, ignore_errors=True)
    db = folder / "factdb.duckdb"
    result = build(project.facts, db)
    assert result.reread is None
    return db


def warm(project: Project) -> BuildResult:
    return build(project.facts, project.db)


@pytest.fixture
def built(project: Project) -> tuple[Project, dict[str, dict[str, Any]]]:
    files = corpus()
    write_all(project, files)
    assert warm(project).reread is None  # the first build has nothing to start from
    return project, files


Edit = Callable[[Project, dict[str, dict[str, Any]]], None]


def set_duration(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["b/others.yaml"]["facts"][0]["duration"]["value"] = 2


def set_date(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["b/others.yaml"]["facts"][0]["when"] = "2023-06-16"


def same_day_in_other_words(p: Project, f: dict[str, dict[str, Any]]) -> None:
    """'on Monday', in an article of Monday 19 June 2023, is that very day."""
    f["b/others.yaml"]["facts"][0]["when"] = "2023-06-19"


def set_quote(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["b/others.yaml"]["facts"][1]["evidence"][0]["quote"] = "a spokesman said"


def add_file(p: Project, f: dict[str, dict[str, Any]]) -> None:
    fact = {**f["b/others.yaml"]["facts"][1], "id": "s2", "when": "earlier this week"}
    f["c.yaml"] = {"facts": [fact]}


def remove_file(p: Project, f: dict[str, dict[str, Any]]) -> None:
    del f["b/others.yaml"]


def remove_fact(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["a.yaml"]["facts"].pop()


def add_person(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["entities.yaml"]["people"].append({"id": "dee", "name": "Dee"})


def drop_unused_occurrence(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["entities.yaml"]["occurrences"].pop()


def move_published(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["a.yaml"]["articles"][0]["published"]["date"] = "2023-06-23"


def rename_used_person(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["entities.yaml"]["people"][2]["id"] = "cyrus"


def duplicate_id(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["c.yaml"] = {"facts": [{**f["b/others.yaml"]["facts"][1], "id": "m1"}]}


def nest_back(p: Project, f: dict[str, dict[str, Any]]) -> None:
    """summit is part of talks here, talks of summit in an unchanged file."""
    m = {**f["b/others.yaml"]["facts"][0], "id": "m3", "of": "summit", "part_of": "talks"}
    f["c.yaml"] = {"facts": [m]}


def draft_a_fact(p: Project, f: dict[str, dict[str, Any]]) -> None:
    """A fact back to a draft: out of every table a check reads, into the drafts table."""
    f["a.yaml"]["drafts"] = [f["a.yaml"]["facts"].pop()]


def wrong_kind(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["entities.yaml"]["occurrences"][1]["kind"] = "event"


# (id, edit, whether the warm path can take it): a warm build reads the edited
# file alone; an edit that changes what other files read of an id builds cold.
EDITS: list[tuple[str, Edit, bool]] = [
    ("edit-duration", set_duration, True),
    ("edit-quote", set_quote, True),
    ("add-file", add_file, True),
    ("remove-file", remove_file, True),
    ("remove-fact", remove_fact, True),
    ("add-person", add_person, True),
    ("draft-a-fact", draft_a_fact, True),
    ("unused-id-removed", drop_unused_occurrence, False),
    ("published-date-moved", move_published, False),
]


@pytest.mark.parametrize(("edit", "warm_path"), [(e, w) for _, e, w in EDITS], ids=[i for i, _, _ in EDITS])
def test_an_edit_builds_what_a_cold_build_does(
    built: tuple[Project, dict[str, dict[str, Any]]], edit: Edit, warm_path: bool
) -> None:
    project, files = built
    edit(project, files)
    write_all(project, files)
    result = warm(project)
    if warm_path:
        assert result.reread is not None and result.reread <= 1
    else:
        assert result.reread is None
    assert dump(project.db) == dump(cold(project))


# (id, edit, checks that must run again, checks that must keep their findings):
# a check runs again only if it reads a column whose values the edit changed.
# A meeting's duration and its date are columns of one table, meetings: each
# edit runs the checks of the one, not of the other.
RECHECKS: list[tuple[str, Edit, set[str], set[str]]] = [
    ("quote-edited", set_quote, set(), {"duration-conflict", "title-outside-tenure", "weekday-mismatch"}),
    (
        "duration-edited",
        set_duration,
        {"duration-conflict"},
        {"two-places-at-once", "date-order", "title-outside-tenure", "figure-conflict", "weekday-mismatch"},
    ),
    (
        "date-moved",
        set_date,
        {"two-places-at-once", "date-order", "occurrence-date-conflict"},
        {"duration-conflict", "figure-conflict"},
    ),
    # Only the phrase changes, which the checks of dates do not read; the
    # conflict of occurrence dates quotes it in its message.
    (
        "same-day-in-other-words",
        same_day_in_other_words,
        {"occurrence-date-conflict"},
        {"two-places-at-once", "date-order", "duration-conflict"},
    ),
]


@pytest.mark.parametrize(
    ("edit", "reran", "kept"), [(e, r, k) for _, e, r, k in RECHECKS], ids=[i for i, _, _, _ in RECHECKS]
)
def test_a_warm_build_runs_again_only_the_checks_that_read_what_changed(
    built: tuple[Project, dict[str, dict[str, Any]]], edit: Edit, reran: set[str], kept: set[str]
) -> None:
    project, files = built
    edit(project, files)
    write_all(project, files)
    result = warm(project)
    assert result.rechecked is not None
    assert reran <= set(result.rechecked)
    assert not kept & set(result.rechecked)
    assert dump(project.db) == dump(cold(project))


def edit_seed(p: Project, f: dict[str, dict[str, Any]]) -> None:
    os.utime(p.seeds / "art.txt", ns=(0, 0))
    (p.seeds / "art.txt").write_text(ARTICLE_TEXT + "More.\n", encoding="utf-8")


def break_yaml(p: Project, f: dict[str, dict[str, Any]]) -> None:
    f["b/others.yaml"]["facts"][0]["duration"] = {"value": "five", "unit": "hour"}


BAD: list[tuple[str, Edit, str]] = [
    ("id-used-elsewhere-renamed", rename_used_person, "id.unknown"),
    ("duplicate-of-an-unchanged-file", duplicate_id, "id.duplicate"),
    ("cycle-across-files", nest_back, "id.cycle"),
    ("occurrence-kind-changed", wrong_kind, "id.wrong-kind"),
    ("seed-edited", edit_seed, "seed.changed"),
    ("invalid-value", break_yaml, "schema"),
]


@pytest.mark.parametrize(("edit", "code"), [(e, c) for _, e, c in BAD], ids=[i for i, _, _ in BAD])
def test_a_bad_edit_fails_as_a_cold_build_would_and_loses_nothing(
    built: tuple[Project, dict[str, dict[str, Any]]], edit: Edit, code: str
) -> None:
    project, files = built
    before = project.db.read_bytes()
    original = copy.deepcopy(files)
    edit(project, files)
    write_all(project, files)
    with pytest.raises(InvalidData) as warm_error:
        warm(project)
    with pytest.raises(InvalidData) as cold_error:
        cold(project)
    assert [p.render() for p in warm_error.value.problems] == [p.render() for p in cold_error.value.problems]
    assert any(p.code.startswith(code) for p in warm_error.value.problems)
    assert project.db.read_bytes() == before
    # Mended, the next build is right again.
    if edit is edit_seed:
        (project.seeds / "art.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    write_all(project, original)
    warm(project)
    assert dump(project.db) == dump(cold(project))


def review_in(project: Project, files: dict[str, dict[str, Any]], name: str, note: str) -> None:
    """A file `name` that reviews one finding (the same each time), written."""
    files[name] = {"reviews": [{"finding": "duration-conflict:x", "verdict": "false positive", "note": note}]}
    write_all(project, files)


def test_a_finding_reviewed_again_beside_an_unchanged_review_fails_as_a_cold_build_would(
    built: tuple[Project, dict[str, dict[str, Any]]],
) -> None:
    """The changed file alone holds one review: only the whole corpus has two."""
    project, files = built
    review_in(project, files, "r.yaml", "one")
    assert warm(project).reread == 1
    before = project.db.read_bytes()
    review_in(project, files, "s.yaml", "two")
    with pytest.raises(InvalidData) as error:
        warm(project)
    assert [(p.file, p.code) for p in error.value.problems] == [("facts/s.yaml", "review.duplicate")]
    assert project.db.read_bytes() == before


def test_nothing_changed_writes_nothing(built: tuple[Project, dict[str, dict[str, Any]]]) -> None:
    project, files = built
    identity = project.db.stat()
    write_all(project, files)  # the same bytes again: new mtimes, same content
    result = warm(project)
    assert result.reread == 0
    assert project.db.stat().st_mtime_ns == identity.st_mtime_ns
    assert result.counts == build(project.facts, project.root / "other" / "x.duckdb").counts


def test_a_database_replaced_by_anything_else_is_built_cold(
    built: tuple[Project, dict[str, dict[str, Any]]],
) -> None:
    project, files = built
    shutil.copyfile(cold(project), project.db)
    set_duration(project, files)
    write_all(project, files)
    assert warm(project).reread is None


def test_new_code_builds_cold(
    built: tuple[Project, dict[str, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, files = built
    monkeypatch.setattr(incremental, "code_version", lambda: "another version")
    set_duration(project, files)
    write_all(project, files)
    assert warm(project).reread is None


BUILT_AND_LOADED = """
import sys
from pathlib import Path
from factdb.loader.pipeline import build
build(Path("facts"), Path("factdb.duckdb"))
Path("facts/pad/0.yaml").write_text(Path("facts/pad/0.yaml").read_text() + "# edited\\n")
assert build(Path("facts"), Path("factdb.duckdb")).reread == 1
print("\\n".join(sorted(m.__file__ for n, m in sys.modules.items() if n.startswith("factdb.loader"))))
"""


def test_the_code_version_covers_every_module_a_build_runs_and_none_that_only_reads(project: Project) -> None:
    """A change to the CLI, coverage or the report leaves databases fresh; a
    change to anything a build runs, cold or warm, does not. The version
    hashes whole folders, so a module a build imports is covered however the
    import is spelt; this test fails when a build runs a file outside them."""
    project.seed("art.txt", ARTICLE_TEXT)
    write_all(project, padded())
    run = subprocess.run(
        [sys.executable, "-c", BUILT_AND_LOADED],
        capture_output=True,
        text=True,
        cwd=project.root,
        env={**os.environ, "FACTDB_PROJECT": str(project.root)},
    )
    assert run.returncode == 0, run.stderr
    covered = {Path(p).resolve() for p in build_state.build_sources()}
    loaded = {Path(p).resolve() for p in run.stdout.split()}
    assert loaded - {Path(build_state.__file__).parent.parent.resolve() / "__init__.py"} <= covered, (
        loaded - covered
    )
    names = {f"{p.parent.name}/{p.stem}" for p in covered}
    assert {
        "build/tables",
        "corpus/sentences",
        "checks/run",
        "corpus/verify",
        "corpus/resolve",
        "read/fast_reader",
        "build/incremental",
        "build/sharded",
    } <= names
    assert not {p.stem for p in covered if p.parent.name == "loader"} & {
        "cli",
        "coverage",
        "show",
        "export",
        "query",
    }
    assert not {p.parent.name for p in covered} & {"report", "output"}


def test_the_code_version_changes_with_any_file_of_a_folder_a_build_runs(tmp_path: Path) -> None:
    """A new module in a build's folder changes the version even before anything imports it."""
    from factdb.loader.common.versions import package_sources, source_digest

    folder = tmp_path / "loader" / "build"
    folder.mkdir(parents=True)
    (folder / "tables.py").write_text("x = 1\n")
    before = source_digest("salt", package_sources(folder))
    (folder / "later.py").write_text("y = 2\n")
    assert source_digest("salt", package_sources(folder)) != before


def test_a_new_release_of_a_library_builds_cold(
    built: tuple[Project, dict[str, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pydantic, yaml12 and the rest read the files: a new release may read them otherwise."""
    project, files = built
    build_state.code_version.cache_clear()
    monkeypatch.setattr(build_state, "library_versions", lambda: "pydantic=99.0")
    try:
        set_duration(project, files)
        write_all(project, files)
        assert warm(project).reread is None
    finally:
        monkeypatch.undo()
        build_state.code_version.cache_clear()


def test_the_warm_build_reports_its_stages(built: tuple[Project, dict[str, dict[str, Any]]]) -> None:
    project, files = built
    set_duration(project, files)
    write_all(project, files)
    seen: list[str] = []
    build(project.facts, project.db, progress=lambda s, done, total: seen.append(s))
    assert list(dict.fromkeys(seen)) == ["plan", "read", "resolve", "verify", "tables", "checks", "write"]


# One edit of the corpus: (file, what to change, the value drawn for it).
edits = st.one_of(
    st.tuples(st.just("duration"), st.integers(0, 1), st.integers(1, 9)),
    st.tuples(st.just("quote"), st.integers(0, 1), st.sampled_from(QUOTES)),
    st.tuples(st.just("when"), st.integers(0, 1), st.sampled_from(WHENS)),
    st.tuples(st.just("add"), st.integers(0, 99), st.sampled_from(QUOTES)),
    st.tuples(st.just("drop"), st.integers(0, 9), st.just(None)),
    st.tuples(st.just("move"), st.integers(0, 9), st.just(None)),
    st.tuples(st.just("published"), st.just(0), st.sampled_from(["2023-06-19", "2023-06-21", "2023-06"])),
    st.tuples(st.just("person"), st.integers(0, 3), st.just(None)),
    st.tuples(st.just("draft"), st.integers(0, 9), st.just(None)),
)


def apply(files: dict[str, dict[str, Any]], edit: tuple[str, int, Any]) -> None:
    what, n, value = edit
    facts = [f for name in sorted(files) for f in files[name].get("facts", [])]
    if what == "duration" and n < len(facts) and facts[n]["kind"] == "meeting":
        facts[n]["duration"]["value"] = value
    elif what == "quote" and n < len(facts):
        facts[n]["evidence"][0]["quote"] = value
    elif what == "when" and n < len(facts):
        facts[n]["as_of" if facts[n]["kind"] == "figure" else "when"] = value
    elif what == "add":
        files.setdefault("c.yaml", {"facts": []}).setdefault("facts", []).append(
            {
                "id": f"x{n}",
                "kind": "statement",
                "speaker": "ann",
                "said": value,
                "when": "on Monday",
                "evidence": [{"source": "art", "quote": value}],
            }
        )
    elif what in ("drop", "move") and facts:
        fact = facts[n % len(facts)]
        for data in files.values():
            if fact in data.get("facts", []):
                data["facts"].remove(fact)
        if what == "move":
            target = (
                "b/others.yaml" if fact not in files.get("b/others.yaml", {}).get("facts", []) else "c.yaml"
            )
            files.setdefault(target, {}).setdefault("facts", []).append(fact)
    elif what == "published":
        files["a.yaml"]["articles"][0]["published"]["date"] = value
    elif what == "draft" and facts:
        # a fact made a draft, or (if that file has drafts) its first draft confirmed again
        fact = facts[n % len(facts)]
        for data in files.values():
            if fact in data.get("facts", []):
                if data.get("drafts"):
                    data["facts"].append(data["drafts"].pop(0))
                else:
                    data["facts"].remove(fact)
                    data.setdefault("drafts", []).append(fact)
                break
    elif what == "person":
        people = files["entities.yaml"]["people"]
        if n < len(people) and n % 2:
            people.pop(n)
        else:
            people.append({"id": f"p{n}", "name": f"Person {n}"})


def each_edit(script: list[tuple[str, int, Any]]) -> Iterator[Project]:
    """A padded corpus built once, then the project after each edit of the
    script in turn (a Hypothesis example needs its own folder, not tmp_path)."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp))
        project.seed("art.txt", ARTICLE_TEXT)
        files = padded()
        write_all(project, files)
        build(project.facts, project.db)
        for edit in script:
            apply(files, edit)
            write_all(project, {k: v for k, v in files.items() if v})
            yield project


@pytest.mark.slow
@given(st.lists(edits, min_size=1, max_size=4))
@example([("draft", 0, None), ("draft", 0, None)])  # a fact made a draft, then confirmed again
def test_any_edits_build_warm_what_they_build_cold(script: list[tuple[str, int, Any]]) -> None:
    for project in each_edit(script):
        try:
            warm(project)
        except InvalidData as warm_error:
            with pytest.raises(InvalidData) as cold_error:
                cold(project)
            assert [p.render() for p in warm_error.problems] == [
                p.render() for p in cold_error.value.problems
            ]
            continue
        assert dump(project.db) == dump(cold(project))


def _same_size_same_mtime(path: Path, old: str, new: str) -> None:
    """Rewrite `path` with `old` replaced by `new` (of the same length), its
    size and mtime kept, as cp -p, touch -r, rsync and tar leave a file."""
    assert len(old) == len(new)
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def test_a_seed_edited_behind_its_stat_fails_its_sha256_warm_too(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seed's stat is never trusted: the edit is caught by validate and build,
    even where a fact file's stat would be trusted."""
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # the file is not within a clock tick of the build
    project.seed("art.txt", ARTICLE_TEXT)
    write_all(project, padded())
    assert warm(project).reread is None
    _same_size_same_mtime(project.seeds / "art.txt", "five hours", "nine hours")
    with pytest.raises(InvalidData, match="sha256"):
        validate(project.facts, project.db)
    before = project.db.read_bytes()
    with pytest.raises(InvalidData, match="sha256"):
        warm(project)
    assert project.db.read_bytes() == before


def test_cold_reads_a_fact_file_edited_behind_its_stat(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fact file's stat is trusted, as git trusts it (docs/performance.md):
    a plain build does not see an edit that kept size and mtime; --cold does."""
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # the file is not within a clock tick of the build
    project.seed("art.txt", ARTICLE_TEXT)
    write_all(project, padded())
    assert warm(project).reread is None
    _same_size_same_mtime(project.facts / "b" / "others.yaml", "value: 3", "value: 6")
    assert warm(project).reread == 0  # trusted: unseen, as documented
    assert duration(project.db) == 3
    assert validate(project.facts, project.db, cold=True).reread is None
    assert build(project.facts, project.db, cold=True).reread is None
    assert duration(project.db) == 6


def duration(db: Path) -> float:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT duration_value FROM meetings WHERE id = 'm2'").fetchone()
    finally:
        con.close()
    assert row is not None
    return float(row[0])
