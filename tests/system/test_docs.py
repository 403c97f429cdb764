"""The documentation says what the code does: every `factdb` command and option
(read from the Typer app itself) is in docs/commands.md, every check in
queries/checks/ is in docs/checks.md, every module is in docs/layout.md, every
relative link of README.md and docs/*.md leads to a file (and heading) that
exists, and the parts docs/gen.py writes from the code's tables are current.

Each rule is a function of a page's text that returns what is missing, so that
beside each test of the real pages a test shows the rule failing on a page with
something taken out."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import typer
from factdb.loader.checks import load_checks
from factdb.loader.cli import app

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS))
import gen  # noqa: E402

PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
REGENERATE = "run `python docs/gen.py` to regenerate the generated parts of docs/, then commit them"

_FENCE = re.compile(r"^\s*```")
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _prose(text: str) -> list[str]:
    """The page's lines outside code fences (fence lines dropped)."""
    out, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            out.append(line)
    return out


def _headings(text: str) -> list[tuple[int, str]]:
    return [
        (len(m.group(1)), m.group(2).strip())
        for line in _prose(text)
        if (m := re.match(r"^(#{1,6}) (.*)$", line))
    ]


def _sections(text: str, level: int = 2) -> dict[str, str]:
    """Each heading of `level` with the text up to the next heading of that level or above."""
    out: dict[str, str] = {}
    current: str | None = None
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        m = None if fenced else re.match(r"^(#{1,6}) (.*)$", line)
        if m and len(m.group(1)) <= level:
            current = m.group(2).strip() if len(m.group(1)) == level else None
            if current is not None:
                out[current] = ""
        elif current is not None:
            out[current] += line + "\n"
    return out


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


# ---------------------------------------------------------------- commands


def commands() -> dict[str, list[str]]:
    """Each command of the app with its options (every spelling) and arguments
    (by metavar); '' holds the options of `factdb` itself."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    found: dict[str, list[str]] = {"": [o for p in group.params for o in (*p.opts, *p.secondary_opts)]}
    for name, command in group.commands.items():
        words = []
        for p in command.params:
            if p.param_type_name == "argument":
                words.append(p.metavar or str(p.name).upper())
            else:
                words.extend([*p.opts, *p.secondary_opts])
        found[name] = words
    return found


def undocumented_commands(page: str) -> list[str]:
    """Each command without its `## factdb NAME` section, and each option or
    argument its section does not name."""
    sections = _sections(page)
    missing = []
    for name, words in commands().items():
        if not name:
            missing += [f"factdb {w}" for w in words if w != "--help" and not _mentions(page, w)]
            continue
        body = sections.get(f"factdb {name}")
        if body is None:
            missing.append(f"factdb {name}: no section '## factdb {name}'")
            continue
        missing += [f"factdb {name} {w}" for w in words if w != "--help" and not _mentions(body, w)]
    return missing


def test_every_command_and_option_is_in_commands_md() -> None:
    missing = undocumented_commands((DOCS / "commands.md").read_text(encoding="utf-8"))
    assert not missing, "docs/commands.md does not document:\n" + "\n".join(missing)


def test_a_command_without_its_section_is_found_missing() -> None:
    page = (DOCS / "commands.md").read_text(encoding="utf-8")
    body = _sections(page)["factdb coverage"]
    without = page.replace("## factdb coverage\n" + body, "")
    assert without != page
    assert undocumented_commands(without) == ["factdb coverage: no section '## factdb coverage'"]


def test_an_option_left_out_is_found_missing() -> None:
    page = (DOCS / "commands.md").read_text(encoding="utf-8")
    body = _sections(page)["factdb check"]
    without = page.replace(body, body.replace("--strict", "--s-t-r-i-c-t"))
    assert undocumented_commands(without) == ["factdb check --strict"]


def test_the_commands_are_read_from_the_app() -> None:
    found = commands()
    assert {"validate", "build", "query", "check", "show"} <= set(found)
    assert {"--select", "--exclude", "--strict", "--build", "-f", "--format"} <= set(found["check"])
    assert "SQL" in found["query"] and "DIR" in found["export"]


# ---------------------------------------------------------------- checks


def undocumented_checks(page: str) -> list[str]:
    """Each check in queries/checks/ that no heading of the page names."""
    named = {h.strip("`") for _, h in _headings(page)}
    return [c.id for c in load_checks() if c.id not in named]


def test_every_check_is_in_checks_md() -> None:
    missing = undocumented_checks((DOCS / "checks.md").read_text(encoding="utf-8"))
    assert not missing, f"docs/checks.md has no heading for: {', '.join(missing)}; {REGENERATE}"


def test_a_check_left_out_is_found_missing() -> None:
    page = (DOCS / "checks.md").read_text(encoding="utf-8")
    assert undocumented_checks(page.replace("### `trip-legs`\n", "")) == ["trip-legs"]


# ---------------------------------------------------------------- links


def _anchors(text: str) -> set[str]:
    """The anchors of a page's headings, with GitHub's -1, -2 for repeats."""
    seen: dict[str, int] = {}
    out = set()
    for _, heading in _headings(text):
        base = gen.slug(heading.replace("`", ""))
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def broken_links(page: Path, text: str) -> list[str]:
    """Each relative link of the page whose file, or heading in it, does not exist."""
    broken = []
    for line in _prose(text):
        for target in _LINK.findall(re.sub(r"`[^`]*`", "", line)):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
                continue
            path_part, _, anchor = target.partition("#")
            dest = (page.parent / path_part).resolve() if path_part else page
            if not dest.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}: no such file")
            elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest.read_text(encoding="utf-8")):
                broken.append(f"{page.relative_to(ROOT)}: {target}: no such heading")
    return broken


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path) -> None:
    broken = broken_links(page, page.read_text(encoding="utf-8"))
    assert not broken, "\n".join(broken)


def test_a_link_to_nothing_is_found_broken() -> None:
    page = DOCS / "ci.md"
    text = (
        "See [the checks](checks.md#the-soundness-rule), [a page](nowhere.md), [a part](checks.md#nowhere).\n"
    )
    assert broken_links(page, text) == [
        "docs/ci.md: nowhere.md: no such file",
        "docs/ci.md: checks.md#nowhere: no such heading",
    ]


def test_links_are_read_from_prose_only() -> None:
    text = "```sh\ncat [x](missing.md)\n```\nand `[y](missing.md)` in code\n"
    assert broken_links(DOCS / "ci.md", text) == []


# ---------------------------------------------------------------- generated parts


def test_the_generated_parts_are_current() -> None:
    stale = gen.stale()
    assert not stale, "\n".join(stale) + "\n" + REGENERATE


def test_a_stale_part_is_found(tmp_path: Path) -> None:
    for name in {p.page for p in gen.PARTS.values()}:
        (tmp_path / name).write_text((DOCS / name).read_text(encoding="utf-8"), encoding="utf-8")
    page = tmp_path / "format.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("| `nearly`, ", "| `nearlyish`, "), encoding="utf-8"
    )
    assert gen.stale(tmp_path) == ["docs/format.md: part 'hedges' is stale"]
    assert gen.regenerate(tmp_path) == ["docs/format.md"]
    assert gen.stale(tmp_path) == []


def test_a_part_without_its_markers_is_an_error() -> None:
    with pytest.raises(gen.Stale, match="no line"):
        gen.fill("no markers here\n", "phrases", "x")
    page = f"a\n{gen.BEGIN.format(name='p')}\nold\n{gen.END}\nb\n"
    assert gen.fill(page, "p", "new") == f"a\n{gen.BEGIN.format(name='p')}\nnew\n{gen.END}\nb\n"


def test_every_phrase_of_the_rule_table_resolves() -> None:
    # The examples come from the docstring's table and are resolved by the code:
    # a rule the code no longer follows makes the generator fail.
    text = gen.phrases()
    assert "`last Friday`: 2024-04-19 (day)" in text
    assert text.count("\n| `") == len(gen._rule_table())


# ---------------------------------------------------------------- layout


def unlisted_modules(text: str) -> list[str]:
    """Each module and package of factdb, bench/ and docs/ that layout.md does not link to."""
    linked = {
        (DOCS / target.partition("#")[0]).resolve()
        for line in _prose(text)
        for target in _LINK.findall(re.sub(r"`[^`]*`", "", line))
    }
    missing = []
    for top in ("schema", "loader", "queries", "bench", "docs"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            # A package's __init__ is listed by its file or by its folder.
            either = {path, path.parent} if path.name == "__init__.py" else {path}
            if not {p.resolve() for p in either} & linked:
                missing.append(str(path.relative_to(ROOT)))
    return missing


def test_every_module_is_in_layout_md() -> None:
    missing = unlisted_modules((DOCS / "layout.md").read_text(encoding="utf-8"))
    assert not missing, "docs/layout.md has no line for: " + ", ".join(missing)


def test_a_module_left_out_is_found_missing() -> None:
    text = (DOCS / "layout.md").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "(../loader/build/edits.py)" in x)
    assert unlisted_modules(text.replace(line + "\n", "")) == ["loader/build/edits.py"]
