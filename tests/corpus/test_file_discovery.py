"""Which files under the facts folder are fact files, and by what name."""

from __future__ import annotations

from pathlib import Path

from factdb.loader.corpus import named_files


def _tree(root: Path) -> Path:
    facts = root / "facts"
    for rel in (
        "a.yaml",
        "b.yml",
        ".hidden.yaml",
        "sub/deep/c.yaml",
        "sub/z.yaml",
        "notes.txt",
        "UPPER.YAML",
    ):
        (facts / rel).parent.mkdir(parents=True, exist_ok=True)
        (facts / rel).write_text("facts: []\n")
    (facts / "folder.yaml").mkdir()  # a folder, however it is named, is not a file
    (root / "outside").mkdir()
    (root / "outside" / "linked.yaml").write_text("facts: []\n")
    (facts / "linked-folder").symlink_to(root / "outside", target_is_directory=True)
    (facts / "linked-file.yaml").symlink_to(root / "outside" / "linked.yaml")
    return facts


def test_fact_files_are_those_rglob_finds_named_from_the_facts_folders_parent(tmp_path: Path) -> None:
    facts = _tree(tmp_path)
    expected = sorted(
        {p for pattern in ("*.yaml", "*.yml") for p in facts.rglob(pattern) if p.is_file()},
        key=lambda p: p.relative_to(facts).as_posix(),
    )
    found = named_files(facts)
    assert [p for p, _ in found] == expected
    assert [name for _, name in found] == [
        "facts/.hidden.yaml",
        "facts/a.yaml",
        "facts/b.yml",
        "facts/linked-file.yaml",
        "facts/sub/deep/c.yaml",
        "facts/sub/z.yaml",
    ]
