"""Per-file results, computed in parallel and cached by content.

Parsing and validating a file depends on nothing but its bytes (and the
version of factdb), so the result is kept under the sha256 of both: a rebuild
after one file is edited re-reads only that file.  Files are spread over
every core when there are enough of them to pay for the processes.
"""

from __future__ import annotations

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
    library_versions,
    no_progress,
    package_sources,
    schema_sources,
    source_digest,
)
from .fast_reader import read_fast
from .stamps import Stamp
from .validate import ValidFile, validate_document
from .yaml_reader import MAX_FILE_BYTES, Oversize, decode, read_file

# Bump when parsing or validation changes what a file yields.
CACHE_FORMAT = "2"
PARALLEL_MIN_BYTES = 2_000_000

FileResult = tuple[ValidFile | None, list[Problem]]


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
    vf = validate_document(doc, errors) if doc is not None else None
    return vf, errors.problems


def load_cached(raw: bytes, name: str, cache: FileCache, positions_now: bool = True) -> FileResult:
    """load_one, through the cache when it has a folder. A result read
    without its positions is never kept: a build that read it back would find
    every fact's position with the precise reader."""
    key = cache.key(raw, name) if cache.folder else ""
    if key:
        found = cache.get(key)
        if found is not None:
            return found
    result = load_one(raw, name, positions_now)
    if key and positions_now:
        cache.put(key, result)
    return result


def _load_batch(batch: list[tuple[bytes, str, str]], cache: FileCache) -> list[bytes]:
    """In a worker: each file's result, pickled once both to travel back and to
    be cached (the pool would pickle it anyway; the main process need not again)."""
    out = []
    with gc_paused():
        for raw, name, key in batch:
            blob = pickle.dumps(load_one(raw, name), protocol=pickle.HIGHEST_PROTOCOL)
            if key:
                cache.put_bytes(key, blob)
            out.append(blob)
    return out


class FileCache:
    """Results by key in `folder`; with `writable` off (validate writes
    nothing) it hands back what is there and keeps nothing new."""

    def __init__(self, folder: Path | None, writable: bool = True) -> None:
        self.folder = folder
        self.writable = writable
        self.salt = f"{CACHE_FORMAT}:{_code_fingerprint()}" if folder else ""

    def key(self, raw: bytes, name: str) -> str:
        """The key of a file's result; "" (not cached) for a file refused unread."""
        if isinstance(raw, Oversize):
            return ""
        return hashlib.sha256(self.salt.encode() + name.encode() + b"\0" + raw).hexdigest()

    def get(self, key: str) -> FileResult | None:
        if self.folder is None:
            return None
        try:
            with open(self.folder / key, "rb") as fh:
                result: FileResult = pickle.load(fh)
                return result
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        self.put_bytes(key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def put_bytes(self, key: str, blob: bytes) -> None:
        if self.folder is None or not self.writable:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{key}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, self.folder / key)


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
        (None, [r]) if isinstance(r, Problem) else cache.get(k) if k else None
        for k, (r, _) in zip(keys, read, strict=True)
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
