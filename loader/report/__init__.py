"""Reports on a built corpus: how much of each article its facts cite (`factdb
coverage`), and the HTML page (`factdb report`) that shows it with the findings
and a timeline.

* coverage: each article's reporting sentences, cited or not (its `coverage()`
  is not re-exported here: the name is the module's);
* page: the page and its sections; findings: each finding with its quotes marked in their passages;
* timeline: terms of office, visits and meetings on one axis, as inline SVG."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.lazy import lazy_api

if TYPE_CHECKING:
    from .coverage import ArticleCoverage, article_coverage, coverage_dict, print_coverage
    from .page import write_report

__all__ = [
    "ArticleCoverage",
    "article_coverage",
    "coverage_dict",
    "print_coverage",
    "write_report",
]

__getattr__ = lazy_api(__name__, __file__)
