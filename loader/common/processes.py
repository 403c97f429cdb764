"""Whether a process still runs: the one test by which a temp file or folder
named after its writer's pid (a build's `.<db>.<pid>.tmp`, an export's
`.<dir>.<pid>.export.tmp`) is told to be left over from a writer that was
killed, rather than in use by one that is still writing."""

from __future__ import annotations

import os


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
