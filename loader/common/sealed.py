"""Sealed files: what factdb keeps between runs (`.factdb-cache/`) is data,
and is believed only when it proves it was written by this user's factdb
under the name it is read by.

A sealed blob is ``MAGIC``, then a keyed BLAKE2b digest (32 bytes) of the
name it was stored under and of its payload, then the payload. The key is a
secret of this user, kept outside every project (`secret_path`): a file put
into a project's cache by anyone else (a pull request, a copied folder, an
edit) fails its digest, and so does any byte flipped or any entry moved to
another name. `unseal` returns the payload or raises `Damaged`, never anything
else; the caller then discards the entry and computes it again.

The payloads are JSON (orjson), which describes data and can run nothing:
nothing here ever unpickles. When the secret cannot be read or created (a
read-only home), a random one is used for this process alone: the cache is
then never reused, and never trusted.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
from pathlib import Path

from .processes import temp_path

MAGIC = b"factdb-sealed-1\n"
DIGEST_BYTES = 32
SECRET_BYTES = 32
# Overrides where the secret is kept (tests; a machine whose home is shared).
SECRET_ENV = "FACTDB_SECRET"


class Damaged(ValueError):
    """A sealed file that does not prove itself: its reason in the message."""


def secret_path() -> Path:
    """Where this user's secret is: $FACTDB_SECRET, else factdb/secret in the
    user's cache folder ($XDG_CACHE_HOME, else ~/.cache)."""
    given = os.environ.get(SECRET_ENV)
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factdb" / "secret"


@functools.cache
def secret() -> bytes:
    """This user's secret, made on first use (readable by the user alone)."""
    path = secret_path()
    try:
        found = path.read_bytes()
        if len(found) == SECRET_BYTES:
            return found
    except OSError:
        pass
    fresh = os.urandom(SECRET_BYTES)
    try:
        write_atomic(path, fresh, mode=0o600)
        return fresh
    except OSError:
        return fresh  # this process only: nothing it writes is trusted by another


def _digest(name: str, payload: bytes, key: bytes) -> bytes:
    h = hashlib.blake2b(key=key, digest_size=DIGEST_BYTES)
    h.update(name.encode("utf-8", "surrogateescape"))
    h.update(b"\0")
    h.update(payload)
    return h.digest()


def seal(name: str, payload: bytes, key: bytes | None = None) -> bytes:
    """`payload` sealed under `name` (the key it is stored by)."""
    return MAGIC + _digest(name, payload, key or secret()) + payload


def unseal(name: str, blob: bytes, key: bytes | None = None) -> bytes:
    """The payload of `blob`, if it was sealed under `name` with this user's
    secret; `Damaged` otherwise."""
    head = len(MAGIC)
    if not blob.startswith(MAGIC):
        raise Damaged("not a factdb cache file (its first bytes differ)")
    if len(blob) < head + DIGEST_BYTES:
        raise Damaged("cut short")
    stored, payload = blob[head : head + DIGEST_BYTES], blob[head + DIGEST_BYTES :]
    if not hmac.compare_digest(stored, _digest(name, payload, key or secret())):
        raise Damaged("its digest does not match its content (edited, damaged, or written by someone else)")
    return payload


def write_atomic(path: Path, blob: bytes, mode: int = 0o666) -> None:
    """Write `blob` to `path` through a temporary file (`temp_path`, created
    with `mode` before the umask) renamed into place; the temporary file is
    removed if anything fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
