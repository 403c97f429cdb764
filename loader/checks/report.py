"""What a run of the checks reports: each finding with the facts it rests on,
each check with how much it examined, and the reviews whose finding is gone."""

from __future__ import annotations

from dataclasses import dataclass, field


def failing_levels(strict: bool = False) -> tuple[str, ...]:
    """The severities whose unreviewed findings fail a run: errors, and warnings if strict."""
    return ("error", "warning") if strict else ("error",)


# Not frozen: a frozen dataclass sets each field through object.__setattr__,
# five times the cost, and `check` makes one per fact of every finding (33k
# at a million facts: 0.075 s against 0.015 s).
@dataclass
class FactRef:
    id: str
    kind: str
    file: str
    line: int
    article: str | None
    source: str
    quote: str


@dataclass
class Finding:
    check: str
    severity: str
    key: str
    message: str
    facts: list[FactRef]
    verdict: str | None = None
    review_note: str | None = None


@dataclass(frozen=True)
class CheckStat:
    id: str
    severity: str
    tags: tuple[str, ...]
    description: str
    examined: int
    findings: int
    # Why the check judges as it does; rule help in SARIF says it beside each annotation.
    rationale: str = ""

    @property
    def status(self) -> str:
        if self.examined == 0:
            return "examined nothing"
        return "findings" if self.findings else "clean"


@dataclass(frozen=True)
class StaleReview:
    finding: str
    file: str
    line: int


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    checks: list[CheckStat] = field(default_factory=list)
    stale_reviews: list[StaleReview] = field(default_factory=list)

    def failing(self, strict: bool = False) -> list[Finding]:
        """Unreviewed findings that fail a run: errors, and warnings if strict."""
        levels = failing_levels(strict)
        return [f for f in self.findings if f.severity in levels and f.verdict is None]

    def failing_count(self, strict: bool = False) -> int:
        return len(self.failing(strict))
