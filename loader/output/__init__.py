"""Output, the fifth stage: results as people and programs read them.

* formats: the formats and the JSON form of database values;
* render: query results as tables, csv, json, jsonl, markdown;
* check_text: a check report's text layouts, side by side;
* sarif: a check report as SARIF 2.1.0;
* claimreview: findings reviewed as confirmed conflicts, as schema.org ClaimReview JSON-LD;
* styles: how a severity looks; progress_bar: the terminal's progress bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.lazy import lazy_api

if TYPE_CHECKING:
    from .check_text import is_plain, plain_report, print_report, report_dict
    from .claimreview import ArticleMeta, ReferenceMeta, Speaker, claim_reviews
    from .formats import ExportFormat, Format, ReportFmt, to_json
    from .progress_bar import progress_for
    from .render import rows_as
    from .sarif import factdb_version, sarif_log
    from .styles import SEVERITY_COLOUR, SEVERITY_HEADING, SEVERITY_STYLE

__all__ = [
    "SEVERITY_COLOUR",
    "SEVERITY_HEADING",
    "SEVERITY_STYLE",
    "ArticleMeta",
    "ExportFormat",
    "Format",
    "ReferenceMeta",
    "ReportFmt",
    "Speaker",
    "claim_reviews",
    "factdb_version",
    "is_plain",
    "plain_report",
    "print_report",
    "progress_for",
    "report_dict",
    "rows_as",
    "sarif_log",
    "to_json",
]

__getattr__ = lazy_api(__name__, __file__)
