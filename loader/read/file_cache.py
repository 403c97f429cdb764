"""Per-file results, computed in parallel and cached by content.

Parsing and validating a file depends on nothing but its bytes, its name, the
version of factdb and its libraries, and today's date (a date in the future
is an error): the result is kept under the sha256 of all of them, so a
rebuild after one file is edited re-reads only that file, and a result is
never used on another day than the one it was judged on. Files are spread
over every core when there are enough of them to pay for the processes.

An entry is data, sealed (`common.sealed`): JSON written by `cache_codec`,
behind a keyed digest of its key and content. An entry that fails to read,
to verify or to decode is discarded, computed again and rewritten, never
trusted; each is recorded (`take_discarded`) for the command to name in a
warning and count in `--timings`. Writes go through a temporary file that is
removed when the write fails; a write that fails leaves the run going (the
cache is an optimisation), and `clear_stale_temps` removes those of writers
that died.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..common import (
    Collector,
    Problem,
    Progress,
    gc_paused,
    left_over_temps,
    library_versions,
    no_progress,
    package_sources,
    schema_sources,
    source_digest,
)
from ..common.sealed import Damaged, seal, secret, unseal, write_atomic
from .cache_codec import Unencodable, decode_result, encode_result
from .fast_reader import read_fast
from .stamps import Stamp
from .validate import FileResult, validate_document
from .yaml_reader import MAX_FILE_BYTES, Oversize, decode, read_file

# Bump when parsing or validation changes what a file yields, or the entries' layout.
CACHE_FORMAT = "3"
TEMP_AGE_S = 3600  # a temporary file this old is a dead writer's
PARALLEL_MIN_BYTES = 2_000_000


# (file name, why) of each entry this process discarded; see take_discarded.
_DISCARDED: list[tuple[str, str]] = []


def take_discarded() -> list[tuple[str, str]]:
    """The (file name, reason) of every cache entry discarded since the last
    call, in this process (a sharded load's workers send theirs here)."""
    out = list(_DISCARDED)
    _DISCARDED.clear()
    return out


def note_discarded(found: list[tuple[str, str]]) -> None:
    _DISCARDED.extend(found)


def _code_fingerprint() -> str:
    """A file's result depends on the reader, the validator and the schema
    (the reading stage and what it imports: common/), and the libraries they
    use: any change to their source, or a library's new version, invalidates
    every cached result."""
    here = Path(__file__).parent
    return source_digest(library_versions(), schema_sources() + package_sources(here, here.parent / "common"))


def load_one(raw: bytes, name: str, positions_now: bool = True) -> FileResult:
    """The fast reader when it is sure and the file is valid; otherwise the
    precise reader, so that every problem is reported where it is. Without
    `positions_now` a valid file's positions are found only when first asked
    for (fast_reader.read_fast)."""
    fits = len(raw) <= MAX_FILE_BYTES and not isinstance(raw, Oversize)
    text = decode(raw, name, Collector()) if fits else None
    fast = read_fast(text, name, positions_now, screened=True) if text is not None else None
    if fast is not None:
        vf = validate_document(fast, Collector())
        if vf is not None:
            return vf, []
    errors = Collector()
    doc = read_file(raw, name, errors)
    vf = validate_document(doc, errors, text) if doc is not None else None
    return vf, errors.problems


def load_cached(raw: bytes, name: str, cache: FileCache, positions_now: bool = True) -> FileResult:
    """load_one, through the cache when it has a folder. A result read
    without its positions is never kept: a build that read it back would find
    every fact's position with the precise reader."""
    key = cache.key(raw, name) if cache.folder else ""
    if key:
        found = cache.get(key, name)
        if found is not None:
            return found
    result = load_one(raw, name, positions_now)
    if key and positions_now:
        cache.put(key, result)
    return result


def _load_batch(batch: list[tuple[bytes, str, str]], cache: FileCache) -> list[bytes]:
    """In a worker: each file's result, cached, and pickled to travel back
    (the pool's own pipe between this process and its parent: the one place
    a pickle is read, and only what this code wrote into it a moment ago)."""
    out = []
    with gc_paused():
        for raw, name, key in batch:
            result = load_one(raw, name)
            if key:
                cache.put(key, result)
            out.append(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return out


class FileCache:
    """Results by key in `folder`; with `writable` off (validate writes
    nothing) it hands back what is there and keeps nothing new."""

    def __init__(self, folder: Path | None, writable: bool = True) -> None:
        self.folder = folder
        self.writable = writable
        today = dt.date.today().isoformat()  # the day every "in the future" is judged against
        self.salt = f"{CACHE_FORMAT}:{today}:{_code_fingerprint()}" if folder else ""
        self.secret = secret() if folder else b""

    def key(self, raw: bytes, name: str) -> str:
        """The key of a file's result; "" (not cached) for a file refused unread."""
        if isinstance(raw, Oversize):
            return ""
        return hashlib.sha256(
            self.salt.encode() + name.encode("utf-8", "surrogateescape") + b"\0" + raw
        ).hexdigest()

    def get(self, key: str, name: str = "") -> FileResult | None:
        """The result stored under `key`, if there is one that proves itself;
        a damaged one is discarded (and recorded for `take_discarded`)."""
        if self.folder is None:
            return None
        path = self.folder / key
        try:
            with open(path, "rb") as fh:
                blob = fh.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            _DISCARDED.append((name or key, f"cannot be read: {exc.strerror or type(exc).__name__}"))
            return None
        try:
            result = decode_result(unseal(key, blob, self.secret))
        except Damaged as exc:
            _DISCARDED.append((name or key, str(exc)))
            if self.writable:
                path.unlink(missing_ok=True)
            return None
        return result

    def put(self, key: str, result: FileResult) -> None:
        """Keep `result` under `key`, unless it cannot be written exactly or
        the folder refuses it (the run goes on without it)."""
        if self.folder is None or not self.writable:
            return
        try:
            blob = seal(key, encode_result(result), self.secret)
        except Unencodable:
            return
        try:
            write_atomic(self.folder / key, blob)
        except OSError:
            return


def clear_stale_temps(folder: Path, max_age_s: float = TEMP_AGE_S) -> int:
    """Remove the temporary files writers that died left in `folder` (see
    `common.left_over_temps`: their process is gone, or they are older than
    `max_age_s`). Returns how many were removed."""
    removed = 0
    for tmp in left_over_temps(folder, max_age_s=max_age_s):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


def load_files(
    files: list[tuple[Path, str]],
    cache_dir: Path | None = None,
    progress: Progress = no_progress,
    stamps: dict[str, Stamp] | None = None,
    write_cache: bool = True,
) -> list[FileResult]:
    """Parse and validate every file (cached, in parallel when large).
    `stamps` receives each file's stat (taken before it is read) and digest."""
    cache = FileCache(cache_dir, writable=write_cache)
    progress("read", 0, len(files))
    read = [(read_stamped(path, name, stamps), name) for path, name in files]
    # A file that cannot be read is its problem, and read as empty otherwise.
    raws = [(b"" if isinstance(raw, Problem) else raw, name) for raw, name in read]
    keys = [
        cache.key(raw, name) if cache_dir and not isinstance(r, Problem) else ""
        for (raw, name), (r, _) in zip(raws, read, strict=True)
    ]
    results: list[FileResult | None] = [
        (None, [r]) if isinstance(r, Problem) else cache.get(k, name) if k else None
        for k, (r, name) in zip(keys, read, strict=True)
    ]
    todo = [i for i, r in enumerate(results) if r is None]
    total, done = len(files), len(files) - len(todo)
    progress("read", done, total)
    workers = min(os.cpu_count() or 1, len(todo))
    if workers > 1 and sum(len(raws[i][0]) for i in todo) >= PARALLEL_MIN_BYTES:
        work = [(*raws[i], keys[i]) for i in todo]
        # Small chunks in order: the pool stays balanced and progress moves.
        size = max(1, min(64, len(work) // (workers * 8)))
        chunks = [work[i : i + size] for i in range(0, len(work), size)]
        fresh: list[FileResult] = []
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for blobs in pool.map(_load_batch, chunks, [cache] * len(chunks)):
                fresh.extend(pickle.loads(blob) for blob in blobs)
                done += len(blobs)
                progress("read", done, total)
        for i, result in zip(todo, fresh, strict=True):
            results[i] = result
    else:
        # Here the collector is already off: load_corpus pauses it for the whole load.
        for i in todo:
            results[i] = result = load_one(*raws[i])
            if keys[i]:
                cache.put(keys[i], result)
            done += 1
            progress("read", done, total)
    return [r for r in results if r is not None]


def read_stamped(path: Path, name: str, stamps: dict[str, Stamp] | None) -> bytes | Problem:
    """A file's bytes; its stamp into `stamps`, if given, from a stat taken
    first. A file the stat finds over MAX_FILE_BYTES is not read (an
    `Oversize`), and of any other at most one byte past the limit is read, in
    case it grew. A file that cannot be read (no permission, gone since it was
    found, a symlink loop) is a problem located at its name,
    `file.unreadable`, never an exception: the rest of the run goes on and
    reports it with the others."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_size > MAX_FILE_BYTES:
                raw: bytes = Oversize(st.st_size)
            else:
                raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        return Problem(name, 1, 1, "file.unreadable", f"file cannot be read: {why}")
    if stamps is not None:
        stamps[name] = Stamp.of(path, st, None if isinstance(raw, Oversize) else raw)
    return raw
