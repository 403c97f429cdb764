"""A cold load split over the cores from parse to table rows.

The files are dealt out to one forked worker per core. Each worker parses and
validates its files, then resolves, verifies and turns them into Arrow rows
itself, a chunk of files at a time; the main process only checks what
crosses files and puts each table's rows in order. So resolve, verify and
the rows run on every core, and a fact's model never leaves its worker (only
articles' travel, for the other workers to quote).

What a worker needs of the files it does not hold is small, the same that a
warm build reads back from its database (build/incremental.py): the section
and occurrence kind of every id outside facts, each article's publication
day, and for quotes into another worker's article its seed and furniture.
What only the whole corpus can tell, the main process checks between the two
phases: an id defined in two workers' files, a finding reviewed twice, a
containment cycle.

This path only vouches for a valid corpus. At the first problem anywhere it
gives up, and the caller loads the corpus the single-process way
(corpus/load.py), which reports every problem exactly as it always has;
for a build, the per-file cache the workers filled makes that reread cheap."""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from factdb.schema import ID_SECTIONS, Meeting, Visit
from factdb.schema.dates import parse_iso

from ..common import Collector, Problem, Progress, gc_paused
from ..corpus import (
    ArticleText,
    Corpus,
    Item,
    Resolved,
    SeedFinder,
    Verified,
    article_text,
    attr,
    containment,
    count_items,
    find_cycles,
    twice,
)
from ..corpus.resolve import resolve
from ..corpus.verify import verify
from ..read import (
    PARALLEL_MIN_BYTES,
    FileCache,
    Stamp,
    ValidFile,
    load_cached,
    note_discarded,
    read_stamped,
    take_discarded,
)
from .tables import DRAFTS_ORDER, REVIEWS_ORDER, build_tables

# How many files a worker reads between two progress reports.
REPORT_EVERY = 32
# How many files a worker turns into table rows before it lets their models go.
CHUNK_FILES = 256
# Tables whose rows are not ordered by their first column alone.
SORT_KEYS = {"reviews": list(REVIEWS_ORDER), "drafts": list(DRAFTS_ORDER)}


@dataclass
class Summary:
    """What one worker's files hold that the others need, or that only the
    whole corpus can check."""

    problems: int = 0
    # id -> (section, occurrence kind or None), every section but facts
    ids: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    fact_ids: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    # (place, parent) and (fact id, occurrence, the occurrence it is part of)
    parents: list[tuple[str, str]] = field(default_factory=list)
    nesting: list[tuple[str, str, str]] = field(default_factory=list)
    anchors: dict[str, dt.date] = field(default_factory=dict)
    articles: dict[str, Any] = field(default_factory=dict)
    # each file as the worker read it, for a build's state
    stamps: dict[str, Stamp] = field(default_factory=dict)


@dataclass
class ShardedLoad:
    files: int
    counts: dict[str, int]
    seeds: dict[str, tuple[str, Stamp]]
    stamps: dict[str, Stamp]
    # in the order build_tables gives them; None when not asked for
    tables: list[tuple[str, pa.Table]] | None


class WorkerFailed(RuntimeError):
    """A worker raised: a bug in factdb, reported with the worker's traceback."""


def worker_count() -> int:
    """One worker per core."""
    return os.cpu_count() or 1


def deal(files: list[tuple[Path, str]], sizes: list[int], workers: int) -> list[list[tuple[Path, str]]]:
    """The files shared out largest first, each to the worker with the fewest
    bytes so far, so that all finish reading at about the same time: dealt in
    turn, a corpus's one big file of entities kept one worker busy alone at
    the end. No output depends on which worker reads a file, or in what order."""
    shards: list[list[tuple[Path, str]]] = [[] for _ in range(workers)]
    load = [0] * workers
    for i in sorted(range(len(files)), key=lambda i: -sizes[i]):
        w = min(range(workers), key=load.__getitem__)
        shards[w].append(files[i])
        load[w] += sizes[i]
    return shards


def load_sharded(
    facts_dir: Path,
    files: list[tuple[Path, str]],
    cache_dir: Path | None,
    progress: Progress,
    stamps: dict[str, Stamp] | None,
    want_tables: bool,
    write_cache: bool = True,
) -> ShardedLoad | None:
    """The corpus loaded on every core, or None: when it is too small to pay
    for the processes, or has any problem (the caller then loads it the
    single-process way, which reports them)."""
    workers = min(worker_count(), len(files))
    # Workers inherit the loaded code and pipes by forking; where a platform
    # cannot fork (Windows), the single-process load is the whole story.
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    # Sized by stat first: a corpus too small to share out is read once, in process.
    try:
        sizes = [os.stat(path).st_size for path, _ in files]
    except OSError:  # gone or unreadable since discovery: the one-process load reports it
        return None
    if workers < 2 or sum(sizes) < PARALLEL_MIN_BYTES:
        return None
    progress("read", 0, len(files))
    cache = FileCache(cache_dir, writable=write_cache)
    # Each worker reads its own files: bytes read here would stay in this process.
    shards = deal(files, sizes, workers)
    ctx = multiprocessing.get_context("fork")
    conns: list[Connection] = []
    procs = []
    try:
        for shard in shards:
            here, there = ctx.Pipe()
            job = Job(shard, cache, facts_dir, stamped=stamps is not None, want_tables=want_tables)
            proc = ctx.Process(target=_work, args=(there, job), daemon=True)
            proc.start()
            there.close()
            conns.append(here)
            procs.append(proc)
        del shards
        loaded = _gather(conns, len(files), progress, want_tables)
        if loaded is not None and stamps is not None:
            stamps.update((name, loaded.stamps[name]) for _, name in files)
        return loaded
    finally:
        for conn in conns:
            conn.close()
        for proc in procs:
            proc.join(timeout=0.1)
            if proc.is_alive():
                proc.kill()
                proc.join()


def _ready(conns: list[Connection], waiting: set[int]) -> list[int]:
    """The workers among `waiting` that have sent something."""
    ready = {id(c) for c in wait([conns[n] for n in waiting])}
    return sorted(n for n in waiting if id(conns[n]) in ready)


def _gather(conns: list[Connection], total: int, progress: Progress, want_tables: bool) -> ShardedLoad | None:
    done = 0
    summaries: dict[int, Summary] = {}
    while len(summaries) < len(conns):
        for n in _ready(conns, set(range(len(conns))) - set(summaries)):
            what, payload = _recv(conns[n])
            if what == "read":
                done += payload
                progress("read", done, total)
            elif what == "discarded":  # a worker's damaged cache entries, for the command's warning
                note_discarded(payload)
            else:
                summaries[n] = payload
    stamps = {name: stamp for summary in summaries.values() for name, stamp in summary.stamps.items()}
    shares = share_out([summaries[n] for n in range(len(conns))])
    # A million fact ids: let them go before the workers' peak.
    del summaries
    if shares is None:
        return None
    progress("resolve", 0, 1)
    for conn, share in zip(conns, shares, strict=True):
        conn.send(share)
    del shares
    stages = ["resolve", "verify", *(["tables"] if want_tables else [])]
    reached = dict.fromkeys(stages, 0)
    finished: dict[int, tuple[dict[str, int], dict[str, tuple[str, Stamp]]]] = {}
    # each table's rows, chunk by chunk, in the order build_tables gives the tables
    rows: dict[str, list[pa.Table]] = {}
    while len(finished) < len(conns):
        for n in _ready(conns, set(range(len(conns))) - set(finished)):
            what, payload = _recv(conns[n])
            if what == "problems":
                return None
            if what == "stage":
                reached[payload] += 1
                # The tables stage goes on: write_database reports the copy into DuckDB.
                if reached[payload] == len(conns) and payload != "tables":
                    progress(payload, 1, 1)
                    following = stages[stages.index(payload) + 1 :]
                    if following:
                        progress(following[0], 0, 2 if following[0] == "tables" else 1)
                continue
            if what == "rows":
                for name in payload:
                    rows.setdefault(name, []).append(rows_from_bytes(conns[n].recv_bytes()))
                continue
            finished[n] = payload
    counts: dict[str, int] = {}
    seeds: dict[str, tuple[str, Stamp]] = {}
    for shard_counts, shard_seeds in finished.values():
        for key, k in shard_counts.items():
            counts[key] = counts.get(key, 0) + k
        seeds.update(shard_seeds)
    merged = merge_tables(rows) if want_tables else None
    return ShardedLoad(
        files=total,
        counts=dict(sorted(counts.items())),
        seeds=dict(sorted(seeds.items())),
        stamps=stamps,
        tables=merged,
    )


def _recv(conn: Connection) -> tuple[str, Any]:
    try:
        what, payload = conn.recv()
    except EOFError:
        raise WorkerFailed("a load worker ended without a word (killed?)") from None
    if what == "crash":
        raise WorkerFailed(f"a load worker failed:\n{payload}")
    return what, payload


def share_out(summaries: list[Summary]) -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] | None:
    """What each worker needs of the others' files, or None if the corpus as a
    whole has a problem: some file's own, an id defined twice, a finding
    reviewed twice, a containment cycle."""
    if any(s.problems for s in summaries):
        return None
    # The corpus as a whole (corpus/integrity.py); within one worker's files its resolve told.
    if twice(i for s in summaries for i in (*s.ids, *s.fact_ids)):
        return None
    if twice(f for s in summaries for f in s.findings):
        return None
    parent, _ = containment(
        (p for s in summaries for p in s.parents), (n for s in summaries for n in s.nesting)
    )
    if find_cycles(parent):
        return None
    shares = []
    for n in range(len(summaries)):
        others = [s for m, s in enumerate(summaries) if m != n]
        shares.append(
            (
                {i: v for s in others for i, v in s.ids.items()},
                {a: d for s in others for a, d in s.anchors.items()},
                {a: m for s in others for a, m in s.articles.items()},
            )
        )
    return shares


def rows_to_bytes(table: pa.Table) -> pa.Buffer:
    """A chunk's rows of one table as an Arrow stream, to cross a pipe."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def rows_from_bytes(data: bytes | pa.Buffer) -> pa.Table:
    return pa.ipc.open_stream(data).read_all()


def merge_tables(rows: dict[str, list[pa.Table]]) -> list[tuple[str, pa.Table]]:
    """Each table whole, in the order a single process writes its rows: by its
    first column (every owner's rows come in one chunk, in order) and for
    reviews by finding, file and line. The sort is stable."""
    merged = []
    for name, parts in rows.items():
        table = pa.concat_tables(parts)
        parts.clear()
        if table.num_rows > 1:
            keys = SORT_KEYS.get(name, [table.column_names[0]])
            table = table.take(pc.sort_indices(table, sort_keys=[(k, "ascending") for k in keys]))
        merged.append((name, table))
    return merged


@dataclass(frozen=True)
class Job:
    """One worker's part of a load."""

    shard: list[tuple[Path, str]]
    cache: FileCache
    facts_dir: Path
    stamped: bool  # record each file's stamp: a build's state needs them
    want_tables: bool


def _work(conn: Connection, job: Job) -> None:
    """A worker's whole life. It ends with os._exit: freeing what it still
    holds one object at a time would cost seconds that nobody waits for."""
    code = 0
    try:
        with gc_paused():
            _phases(conn, job)
    except BaseException:
        code = 1
        with contextlib.suppress(OSError):
            conn.send(("crash", traceback.format_exc()))
    finally:
        conn.close()
        os._exit(code)


def _phases(conn: Connection, job: Job) -> None:
    cache, facts_dir = job.cache, job.facts_dir
    valid: list[ValidFile] = []
    problems = 0
    unreported = 0
    stamps: dict[str, Stamp] | None = {} if job.stamped else None
    for path, name in job.shard:
        raw = read_stamped(path, name, stamps)
        if isinstance(raw, Problem):
            problems += 1
            continue
        # Only the tables ask for positions when the corpus is valid; a
        # problem makes the caller load it all again, positions and all.
        vf, found = load_cached(raw, name, cache, positions_now=job.want_tables)
        problems += len(found)
        if vf is not None:
            valid.append(vf)
        unreported += 1
        if unreported == REPORT_EVERY:
            conn.send(("read", unreported))
            unreported = 0
    conn.send(("read", unreported))
    discarded = take_discarded()
    if discarded:
        conn.send(("discarded", discarded))
    conn.send(("summary", summarise(valid, problems, stamps or {})))
    if problems:
        return
    known, anchors, articles = conn.recv()
    errors = Collector()
    resolved = resolve(valid, errors, known=known, anchors=anchors)
    conn.send(("stage", "resolve"))
    if errors:
        conn.send(("problems", len(errors.problems)))
        return
    texts = _outside_texts(resolved, articles, facts_dir)
    verified = verify(resolved, facts_dir, errors, texts=texts)
    conn.send(("stage", "verify"))
    if errors:
        conn.send(("problems", len(errors.problems)))
        return
    seeds = {a: (resolved.items[a].model.seed, stamp) for a, stamp in verified.seeds.items()}
    counts = count_items(resolved)
    if not job.want_tables:
        conn.send(("done", (counts, seeds)))
        return
    del valid  # resolved.files is the same list: _send_tables empties it
    _send_tables(conn, resolved, verified, facts_dir)
    conn.send(("stage", "tables"))
    conn.send(("done", (counts, seeds)))


def _send_tables(conn: Connection, resolved: Resolved, verified: Verified, facts_dir: Path) -> None:
    """build_tables a few hundred files at a time, each chunk's rows sent as
    soon as they are Arrow, and its models let go. Built whole, the tables
    would wait in every worker beside its models, and again in the main
    process as they arrive: at a million facts, more than 4 GiB in all.

    A chunk is resolved already; it is handed the shard's dates (its own
    articles' publication days among them) and, as ids defined outside it,
    every other id. Its rows come out sorted within the chunk; the main
    process sorts each table whole (merge_tables)."""
    known = dict(resolved.known)
    for i, item in resolved.items.items():
        if item.section != "facts":  # nothing names a fact
            known[i] = item.section_kind()
    by_file: dict[str, list[Item]] = {}
    for item in resolved.items.values():
        by_file.setdefault(item.file, []).append(item)
    files, dates = resolved.files, resolved.dates
    resolved.items = {}
    files.reverse()
    while files:
        chunk = [files.pop() for _ in range(min(CHUNK_FILES, len(files)))]
        items = {item.id: item for vf in chunk for item in by_file.pop(vf.file, [])}
        part = Resolved(files=chunk, items=items, dates=dates, known=known, anchors=resolved.anchors)
        tables = build_tables(Corpus(facts_dir=facts_dir, resolved=part, verified=verified))
        del chunk, items, part
        conn.send(("rows", [name for name, _ in tables]))
        for _, table in tables:
            conn.send_bytes(rows_to_bytes(table))
        del tables


def summarise(valid: list[ValidFile], problems: int, stamps: dict[str, Stamp]) -> Summary:
    out = Summary(problems=problems, stamps=stamps)
    for vf in valid:
        m = vf.model
        for section in ID_SECTIONS:
            for item in getattr(m, section):
                if section == "facts":
                    out.fact_ids.append(item.id)
                    if isinstance(item, Visit | Meeting) and item.part_of:
                        out.nesting.append((item.id, item.of, item.part_of))
                    continue
                out.ids[item.id] = (section, item.kind if section == "occurrences" else None)
                if section == "places" and item.parent:
                    out.parents.append((item.id, item.parent))
                elif section == "articles":
                    out.anchors[item.id] = parse_iso(item.published.date).start
                    out.articles[item.id] = item
        out.findings.extend(r.finding for r in m.reviews)
    return out


def _outside_texts(resolved: Resolved, articles: dict[str, Any], facts_dir: Path) -> dict[str, ArticleText]:
    """The texts of the other workers' articles that these files quote. One
    amiss is left out: its own worker reports it, and the load gives up."""
    cited = {
        ev.source
        for item in resolved.items.values()
        for ev in attr(item.model, "evidence") or []
        if ev.source in articles
    }
    seeds = SeedFinder(facts_dir)
    texts = {}
    for article in sorted(cited):
        found = article_text(articles[article], seeds)
        if found is not None:
            texts[article] = found
    return texts
