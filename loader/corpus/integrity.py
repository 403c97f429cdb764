"""What only the corpus as a whole can tell, stated once for every load path:
an id defined twice, a finding reviewed twice, a containment cycle.

Each path feeds these rules what it holds: resolve its models (and reports
each problem at its place in a file), a sharded load the summaries of its
workers, a warm build the rows of the previous database with the changed
files' rows in place of theirs.

The containment graph: each place's parent, then each occurrence that a
visit or meeting fact nests in another (`of` is `part_of`), the first such
fact in id order deciding where two disagree. An occurrence said to be part
of itself is a problem of its own, reported at its fact by resolve; it is not
an edge of the graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def twice(values: Iterable[str]) -> list[str]:
    """The values that occur more than once, sorted: ids defined twice, findings reviewed twice."""
    return sorted(v for v, n in Counter(values).items() if n > 1)


def containment(
    places: Iterable[tuple[str, str]], nestings: Iterable[tuple[str, str, str]]
) -> tuple[dict[str, str], dict[str, str]]:
    """The containment graph (child -> parent) from (place, parent) pairs and
    (fact id, occurrence, occurrence it is part of) triples, in any order;
    and, for each occurrence nested by a fact, the id of that fact."""
    parent = dict(places)
    nested_by: dict[str, str] = {}
    for fact, of, part_of in sorted(nestings):
        if of != part_of and of not in parent:
            parent[of] = part_of
            nested_by[of] = fact
    return parent, nested_by


def find_cycles(parent: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Each containment cycle once, as (the id it is reported at, the cycle)."""
    found: list[tuple[str, list[str]]] = []
    reported: set[str] = set()
    for start in sorted(parent):
        seen = [start]
        node = start
        while node in parent:
            node = parent[node]
            if node in seen:
                cycle = [*seen[seen.index(node) :], node]
                key = min(cycle)
                if key not in reported:
                    reported.add(key)
                    found.append((start, cycle))
                break
            seen.append(node)
    return found
