"""Per-file results, computed in parallel and cached by content.

Parsing and validating a file depends on nothing but its bytes (and the
version of factdb), so the result is kept under the sha256 of both: a rebuild
after one file is edited re-reads only that file.  Files are spread over
every core when there are enough of them to pay for the processes.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .errors import Collector, Problem
from .validate import ValidFile, validate_document
from .yaml_reader import read_file

# Bump when parsing or validation changes what a file yields.
CACHE_FORMAT = "1"
PARALLEL_MIN_BYTES = 2_000_000

FileResult = tuple[ValidFile | None, list[Problem]]


def _code_fingerprint() -> str:
    """A file's result depends on the reader, the validator and the schema:
    any change to their source invalidates every cached result."""
    import factdb.schema

    from . import validate, yaml_reader

    sources = sorted(Path(factdb.schema.__file__).parent.glob("*.py"))
    sources += [Path(yaml_reader.__file__), Path(validate.__file__)]
    digest = hashlib.sha256()
    for src in sources:
        digest.update(src.read_bytes())
    return digest.hexdigest()[:16]


def load_one(raw: bytes, name: str) -> FileResult:
    errors = Collector()
    doc = read_file(raw, name, errors)
    vf = validate_document(doc, errors) if doc is not None else None
    return vf, errors.problems


def _load_batch(batch: list[tuple[bytes, str]]) -> list[FileResult]:
    with _gc_paused():
        return [load_one(raw, name) for raw, name in batch]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading allocates millions of objects that all live on: collecting
    during it only costs time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class FileCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.salt = f"{CACHE_FORMAT}:{_code_fingerprint()}" if folder else ""

    def key(self, raw: bytes, name: str) -> str:
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
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{key}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.folder / key)


def load_files(files: list[tuple[Path, str]], cache_dir: Path | None = None) -> list[FileResult]:
    """Parse and validate every file (cached, in parallel when large)."""
    cache = FileCache(cache_dir)
    raws = [(path.read_bytes(), name) for path, name in files]
    keys = [cache.key(raw, name) if cache_dir else "" for raw, name in raws]
    results: list[FileResult | None] = [cache.get(k) if k else None for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    work = [raws[i] for i in todo]
    workers = min(os.cpu_count() or 1, len(work))
    if workers > 1 and sum(len(raw) for raw, _ in work) >= PARALLEL_MIN_BYTES:
        batches = [work[w::workers] for w in range(workers)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(_load_batch, batches))
        fresh: list[FileResult] = [None] * len(work)  # type: ignore[list-item]
        for w, batch in enumerate(done):
            for j, result in enumerate(batch):
                fresh[w + j * workers] = result
    else:
        fresh = _load_batch(work)
    for i, result in zip(todo, fresh, strict=True):
        results[i] = result
        if keys[i]:
            cache.put(keys[i], result)
    return [r for r in results if r is not None]
