"""The check runner: every SQL file in queries/checks/ against a database.

A check file starts with a header of ``-- key: value`` lines (id, severity,
tags, description, rationale), then two statements, each after a marker line:

    -- examined:
    SELECT count(*) FROM ...;          -- how many rows the check looked at
    -- findings:
    SELECT key, message, facts FROM ...;

``key`` identifies the finding within its check (the runner prefixes the
check id, so ``duration-conflict:blinken-xi-meeting-2023:a:b`` is stable
across builds); ``facts`` is the list of fact ids involved.  A check that
examined nothing says so: it never passes silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from ..common import UsageError

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
HEADER_KEYS = ("id", "severity", "tags", "description", "rationale")


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    tags: tuple[str, ...]
    description: str
    rationale: str
    examined_sql: str
    findings_sql: str
    path: str
    # sha256 of the check file: findings stored by a build are reused only if it matches.
    source_sha256: str = ""


def checks_folder() -> Path:
    return Path(str(resources.files("factdb.queries").joinpath("checks")))  # works installed or editable


_MARKER = re.compile(r"^--\s*(examined|findings):\s*$", re.MULTILINE)
_HEADER = re.compile(r"^--\s*(\w+):\s*(.*)$")


def parse_check(text: str, path: str) -> Check:
    parts = _MARKER.split(text)
    if len(parts) != 5 or parts[1] != "examined" or parts[3] != "findings":
        raise UsageError(f"{path}: a check needs '-- examined:' then '-- findings:' sections")
    header: dict[str, str] = {}
    last = ""
    for line in parts[0].splitlines():
        m = _HEADER.match(line)
        if m and m.group(1) in HEADER_KEYS:
            last = m.group(1)
            header[last] = m.group(2).strip()
        elif line.startswith("--") and last:
            header[last] += " " + line.lstrip("- ").strip()
    missing = [k for k in HEADER_KEYS if not header.get(k)]
    if missing:
        raise UsageError(f"{path}: header lacks {', '.join(missing)}")
    if header["severity"] not in SEVERITIES:
        raise UsageError(f"{path}: severity {header['severity']!r} is not one of {', '.join(SEVERITIES)}")
    return Check(
        id=header["id"],
        severity=header["severity"],  # type: ignore[arg-type]
        tags=tuple(t.strip() for t in header["tags"].split(",") if t.strip()),
        description=header["description"],
        rationale=header["rationale"],
        examined_sql=parts[2].strip().rstrip(";"),
        findings_sql=parts[4].strip().rstrip(";"),
        path=path,
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def load_checks(folder: Path | None = None) -> list[Check]:
    folder = folder or checks_folder()
    checks = [parse_check(p.read_text(encoding="utf-8"), p.name) for p in sorted(folder.glob("*.sql"))]
    ids = [c.id for c in checks]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise UsageError(f"check ids used twice: {', '.join(dupes)}")
    return checks


def select_checks(checks: list[Check], select: list[str] | None, exclude: list[str] | None) -> list[Check]:
    """Keep checks named (by id or tag) in `select`, minus those in `exclude`."""
    known = {c.id for c in checks} | {t for c in checks for t in c.tags}
    for name in (select or []) + (exclude or []):
        if name not in known:
            raise UsageError(f"no check or tag named {name!r}; known: {', '.join(sorted(known))}")

    def named(c: Check, names: list[str]) -> bool:
        return c.id in names or any(t in names for t in c.tags)

    kept = [c for c in checks if not select or named(c, select)]
    return [c for c in kept if not exclude or not named(c, exclude)]
