"""Whether a process still runs: the one test by which a temp file or folder
named after its writer's pid (a build's `.<db>.<pid>.tmp`, an export's
`.<dir>.<pid>.export.tmp`) is told to be left over from a writer that was
killed, rather than in use by one that is still writing; and that naming,
stated once (`temp_path`, read back by `left_over_temps`)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def process_alive(pid: int) -> bool:
    """Whether process `pid` may be running: False only when this machine has
    no such process (signal 0 asks without sending anything). One we may not
    signal runs; a pid too large to ask about, or 0, is not judged gone (no
    writer of ours is named so, and we remove only what we are sure of). A
    pid may have been reused since its writer died: True says only that the
    temp may be in use."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def temp_path(path: Path) -> Path:
    """Where this process writes `path` before renaming it into place:
    ``.<name>.<pid>.tmp`` beside it, the name `left_over_temps` reads back."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def left_over_temps(folder: Path, name: str | None = None, max_age_s: float | None = None) -> list[Path]:
    """The files `temp_path` named in `folder` (for `name`, or for any name)
    whose writer is gone, or, with `max_age_s`, that nobody has written to for
    that long (a pid can be taken again). The caller removes them its own way."""
    found = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        stem, _, pid = entry.name[1 : -len(".tmp")].rpartition(".")
        if not pid.isdigit() or (name is not None and stem != name):
            continue
        try:
            old = max_age_s is not None and now - entry.stat(follow_symlinks=False).st_mtime > max_age_s
        except OSError:
            continue
        if old or not process_alive(int(pid)):
            found.append(Path(entry.path))
    return found
