"""`factdb new ARTICLE_FILE`: register an article and write its starter fact file."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import Project

TEXT = (
    "BEIJING — Secretary of State Jane Doe arrived in Beijing on Wednesday evening.\n\n"
    "She met Wang Yi for about five hours on Friday.\n\n"
    '"We had candid and productive talks," Doe said after the meeting.\n\n'
    "The two countries did trade worth nearly $7 billion last year, and "
    "the two sides agreed to resume military talks.\n\n"
    "Washington notified Congress of the arms sale last October.\n\n"
    "Doe, born in October 1953, is the department's first woman chief since 2013.\n"
)

# What the starter's commented examples name: a person's real corpus has these.
ENTITIES = """
people:
  - {id: jane-doe, name: Jane Doe}
  - {id: wang-yi, name: Wang Yi}
countries:
  - {id: united-states, name: United States}
  - {id: china, name: China}
places:
  - {id: beijing, name: Beijing, type: city, parent: china}
offices:
  - {id: us-secretary-of-state, title: Secretary of State, country: united-states, single_holder: true}
occurrences:
  - {id: doe-wang-meeting-2024, kind: meeting, label: Doe meets Wang, reason: one article}
  - {id: taiwan-arms-sale-2024, kind: event, label: An arms sale, reason: one article}
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "incoming" / "Doe in Beijing.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def test_new_copies_the_seed_and_writes_a_starter_that_validates(project: Project, article: Path) -> None:
    """Named in the corpus's scheme (number, hash, id), and valid once its facts are in."""
    out = project.factdb(
        "new", str(article), "--outlet", "Test Wire", "--headline", "Doe in Beijing",
        "--published", "2024-04-26", "--reason", "dateline",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert SHA in out.stdout  # the whole digest, to compare with what the file records
    seed = project.seeds / f"000_{SHA[:16]}.txt"
    assert seed.read_bytes() == article.read_bytes()
    fact_file = project.facts / "articles" / "000-doe-in-beijing.yaml"
    text = fact_file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/factfile.schema.json"
    assert SHA in text and f'seed: "000_{SHA[:16]}.txt"' in text
    assert "  - id: doe-in-beijing" in text and "  - id: a000-doe-role" in text
    # Until its facts are written, the file says so, at the line of its TODO.
    todo = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("  - TODO"))
    validated = project.factdb("validate")
    assert validated.returncode == 1
    assert f"000-doe-in-beijing.yaml:{todo}:5: facts.0: still a TODO: the article's facts" in validated.stderr
    fact_file.write_text(text.replace("\n  - TODO  # TODO:", "\n  []  # was:"), encoding="utf-8")
    validated = project.factdb("validate")
    assert validated.returncode == 0, validated.stderr


def test_new_numbers_the_article_after_the_corpus_and_reuses_a_known_text(
    project: Project, article: Path
) -> None:
    project.write("articles/004-earlier.yaml", "# an earlier article\n")
    (project.seeds / "003_0123456789abcdef.txt").write_text("an earlier text\n", encoding="utf-8")
    out = project.factdb("new", str(article), "--id", "doe")
    assert out.returncode == 0, out.stderr
    assert (project.facts / "articles" / "005-doe.yaml").is_file()
    assert (project.seeds / f"005_{SHA[:16]}.txt").is_file()
    again = project.factdb("new", str(article), "--id", "doe-again")
    assert again.returncode == 0, again.stderr
    assert "already in" in again.stdout and f"005_{SHA[:16]}.txt" in again.stdout
    assert f'seed: "005_{SHA[:16]}.txt"' in (project.facts / "articles" / "006-doe-again.yaml").read_text()


def test_every_commented_example_is_a_valid_fact(project: Project, article: Path) -> None:
    """Uncommented, the examples load: they teach the schema as it is."""
    out = project.factdb("new", str(article), "--id", "doe", "--outlet", "W", "--headline", "H",
                         "--published", "2024-04-26", "--reason", "dateline")  # fmt: skip
    assert out.returncode == 0, out.stderr
    fact_file = project.facts / "articles" / "000-doe.yaml"
    lines = fact_file.read_text(encoding="utf-8").splitlines()
    start = lines.index("facts:") + 1
    assert lines[start].startswith("  - TODO")
    body = [re.sub(r"^# ?", "", line) if line.startswith("#") else line for line in lines[start + 1 :]]
    fact_file.write_text("\n".join(lines[:start] + body) + "\n", encoding="utf-8")
    project.write("entities.yaml", ENTITIES)
    # The meeting's venue is a place of the examples' own block, kept commented:
    # the test gives it here instead.
    project.write(
        "venue.yaml", "places:\n  - {id: great-hall, name: Great Hall, type: venue, parent: beijing}\n"
    )
    project.write(
        "visit.yaml", "occurrences:\n  - {id: doe-china-visit-2024, kind: visit, label: V, reason: r}\n"
    )
    validated = project.factdb("validate", "--format", "json")
    assert validated.returncode == 0, validated.stderr
    assert '"visit": 1' in validated.stdout and '"event": 1' in validated.stdout


def test_a_missing_date_is_left_as_a_todo_that_validate_points_at(project: Project, article: Path) -> None:
    out = project.factdb("new", str(article))
    assert out.returncode == 0, out.stderr
    assert "to fill in: outlet, headline, published.date, published.reason" in out.stdout
    fact_file = project.facts / "articles" / "000-doe-in-beijing.yaml"
    line = next(i for i, t in enumerate(fact_file.read_text().splitlines(), 1) if "date: TODO" in t)
    validated = project.factdb("validate")
    assert validated.returncode == 1
    # What to fill in, at its line, not Pydantic's "Input should be a valid string".
    assert (
        f"facts/articles/000-doe-in-beijing.yaml:{line}:13: articles.0.published.date: still a TODO: "
        "YYYY-MM-DD (or YYYY-MM, YYYY) of publication [todo]"
    ) in validated.stderr
    assert "valid string" not in validated.stderr


@pytest.mark.parametrize(
    "case",
    ["fact-file-exists", "not-utf8", "bad-id", "no-such-file"],
)
def test_new_refuses_without_overwriting(project: Project, article: Path, case: str) -> None:
    target = article
    if case == "fact-file-exists":
        # The same text is the same seed and number; its fact file is there already.
        (project.seeds / f"000_{SHA[:16]}.txt").write_bytes(article.read_bytes())
        project.write("articles/000-doe-in-beijing.yaml", "# mine\n")
    elif case == "not-utf8":
        article.write_bytes(b"caf\xe9 au lait\n")
    elif case == "no-such-file":
        target = article.with_name("missing.txt")
    before = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    args = ["new", str(target)] + (["--id", "Bad Id"] if case == "bad-id" else [])
    out = project.factdb(*args)
    assert out.returncode == 2, out.stdout
    assert out.stderr.startswith("error: ") and "Traceback" not in out.stderr
    after = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    assert after == before


def test_a_link_in_seeds_holding_the_same_text_is_never_taken_as_the_seed(
    project: Project, article: Path, tmp_path: Path
) -> None:
    """`new` reuses a seed that already holds the text, but never one that is a link: the
    text is copied in as a file of its own and the link is left as it was."""
    outside = tmp_path / "outside.txt"
    outside.write_bytes(article.read_bytes())
    link = project.seeds / "000_0123456789abcdef.txt"
    link.symlink_to(outside)
    out = project.factdb("new", str(article), "--id", "doe")
    assert out.returncode == 0, out.stderr
    seed = project.seeds / f"001_{SHA[:16]}.txt"
    assert seed.is_file() and not seed.is_symlink() and seed.read_bytes() == article.read_bytes()
    assert link.is_symlink() and outside.read_bytes() == article.read_bytes()
