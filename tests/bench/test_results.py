"""bench/results.py: a benchmark's output replaces its own section of
bench/RESULTS.md, keeps every other, and says where its figures come from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import results
from results import PREAMBLE, Provenance, commit_of, record, replace_section, section

PAGE = """# Benchmark results

Some words.

## bench/run.py, 100,000 facts

old run figures

## bench/stages.py, 100,000 facts

```text
## not a heading: inside a fence
stage figures
```

## Readings, by hand

kept as written
"""

PROVENANCE = Provenance("2026-12-04 10:00 UTC", "abc1234+dirty", 2, "python bench/run.py --facts 2000")


def test_a_run_replaces_its_own_section_and_keeps_the_others() -> None:
    out = replace_section(PAGE, "bench/run.py, 100,000 facts", "new run figures")
    assert out == PAGE.replace("old run figures", "new run figures")


def test_a_heading_inside_a_code_fence_is_not_a_section() -> None:
    out = replace_section(PAGE, "bench/stages.py, 100,000 facts", "new stage figures")
    assert "## not a heading" not in out
    assert "new stage figures\n\n## Readings, by hand\n\nkept as written\n" in out
    assert out.startswith(PAGE.split("## bench/stages.py")[0])


def test_a_new_heading_is_appended() -> None:
    out = replace_section(PAGE, "bench/run.py, 2,000 facts", "small figures")
    assert out == PAGE + "\n## bench/run.py, 2,000 facts\n\nsmall figures\n"


def test_an_empty_file_gets_the_preamble_and_the_section() -> None:
    out = replace_section("", "bench/compare.py, 2,000 facts", "a table")
    assert out == PREAMBLE + "\n## bench/compare.py, 2,000 facts\n\na table\n"
    # and replacing it again changes only that section
    assert replace_section(out, "bench/compare.py, 2,000 facts", "another") == out.replace(
        "a table", "another"
    )


def test_a_section_says_where_its_figures_come_from() -> None:
    assert section(PROVENANCE, "step  seconds\nbuild  1.0\n") == (
        "- when: 2026-12-04 10:00 UTC\n"
        "- commit: abc1234+dirty\n"
        "- CPUs: 2\n"
        "- command: `python bench/run.py --facts 2000`\n"
        "\n```text\nstep  seconds\nbuild  1.0\n```\n"
    )


def test_record_creates_the_file_then_replaces_only_its_section(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    record("bench/run.py, 2,000 facts", "first", path=path)
    record("bench/stages.py, 2,000 facts", "stages", path=path)
    record("bench/run.py, 2,000 facts", "second", fence="json", path=path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(PREAMBLE)
    assert "first" not in text and "```json\nsecond\n```" in text and "```text\nstages\n```" in text
    assert text.index("bench/run.py, 2,000 facts") < text.index("bench/stages.py, 2,000 facts")
    assert f"- command: `{results.command_line()}`" in text


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(repo), *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "RESULTS.md").write_text("# results\n")
    (tmp_path / "code.py").write_text("x = 1\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


def test_the_commit_is_dirty_when_tracked_code_changed(repo: Path) -> None:
    clean = commit_of(repo / "bench")
    assert len(clean) >= 7 and "+" not in clean
    (repo / "code.py").write_text("x = 2\n")
    assert commit_of(repo / "bench") == clean + "+dirty"


def test_results_md_itself_does_not_make_the_tree_dirty(repo: Path) -> None:
    clean = commit_of(repo)
    (repo / "bench" / "RESULTS.md").write_text("# results\n\n## a run\n")
    (repo / "untracked.txt").write_text("scratch\n")
    assert commit_of(repo) == clean


def test_outside_git_the_commit_is_unknown(tmp_path: Path) -> None:
    assert commit_of(tmp_path) == "unknown"
