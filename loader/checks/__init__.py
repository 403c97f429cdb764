"""The checks, the fourth stage: every SQL file in queries/checks/ against a database.

* catalogue: a check file's header and its two statements;
* run: running them, storing their findings beside the facts, reading back what a build stored;
* reads: the tables and columns a query reads, so a warm build re-runs only the checks its edit touches;
* report: what a run reports, and which findings fail it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.lazy import lazy_api

if TYPE_CHECKING:
    from .catalogue import SEVERITIES, Check, checks_folder, load_checks, parse_check, select_checks
    from .report import CheckReport, CheckStat, FactRef, Finding, StaleReview, failing_levels
    from .run import (
        StoredFindings,
        check_database,
        checked_database,
        findings_current,
        run_checks,
        stats_of,
        store_findings,
        stored_current,
        stored_report,
    )

__all__ = [
    "SEVERITIES",
    "Check",
    "CheckReport",
    "CheckStat",
    "FactRef",
    "Finding",
    "StaleReview",
    "StoredFindings",
    "check_database",
    "checked_database",
    "checks_folder",
    "failing_levels",
    "findings_current",
    "load_checks",
    "parse_check",
    "run_checks",
    "select_checks",
    "stats_of",
    "store_findings",
    "stored_current",
    "stored_report",
]

__getattr__ = lazy_api(__name__, __file__)
