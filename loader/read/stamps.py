"""A file as a read of it saw it: its stat taken before reading, and its digest.

A fact file or seed counts as unchanged while its size and mtime are those
recorded, as in git's index; a file whose mtime falls within `RACY_NS` of the
moment the read started could have changed again within the same clock tick,
so its bytes are hashed again."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Stamp:
    """A file as a build read it: its stat taken before reading, and its digest."""

    path: str
    size: int
    mtime_ns: int
    sha256: str = ""

    @classmethod
    def of(cls, path: str | Path, st: os.stat_result, raw: bytes | None = None) -> Stamp:
        digest = hashlib.sha256(raw).hexdigest() if raw is not None else ""
        return cls(os.fspath(path), st.st_size, st.st_mtime_ns, digest)

    def same_stat(self, path: str | Path, st: os.stat_result, started_ns: int) -> bool:
        return (
            self.path == os.fspath(path)
            and self.size == st.st_size
            and self.mtime_ns == st.st_mtime_ns
            and self.mtime_ns < started_ns - RACY_NS
        )

    def now(self, path: str | Path, started_ns: int) -> Stamp | None:
        """This file's stamp as it is now if its bytes are still those recorded, else None.
        Takes a plain string too: a warm build stats every file, and 10,000
        Path objects cost more than the stats."""
        st = os.stat(path)
        if self.same_stat(path, st, started_ns):
            return self
        if st.st_size != self.size:  # changed, and perhaps too large to read
            return None
        with open(path, "rb") as fh:
            now = Stamp.of(path, st, fh.read())
        return now if now.path == self.path and now.sha256 == self.sha256 else None
