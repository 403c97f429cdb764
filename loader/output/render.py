"""Render results for people (rich tables) and for programs (csv, json, jsonl, markdown).

Contracts of `rows_as`:
* data is never read as rich markup or emoji codes: cells are rich `Text`,
  so `[/]` or `[the US]` in a quote is printed byte for byte;
* table and markdown, which people read, write each control character of the
  data (but tab and newline) as ``\\xNN`` (`escape_control`); csv, json and
  jsonl keep the data's bytes;
* rows are an iterable, consumed once: csv, json and jsonl write them as they
  come, so a caller that streams them never holds the whole result; the
  table holds at most `table_rows` rows and says, under it, when it cut rows
  and how to get them all."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from itertools import islice
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .formats import Format, escape_control, plain, to_json

TABLE_ROWS = 1000


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(plain(value))


def _json_item(columns: list[str], row: tuple[Any, ...]) -> str:
    """One row as `to_json` would write it inside the list: indented by two more spaces."""
    text = to_json(dict(zip(columns, row, strict=True)))
    return "  " + text.replace("\n", "\n  ")


def rows_as(
    fmt: Format,
    columns: list[str],
    rows: Iterable[tuple[Any, ...]],
    console: Console,
    table_rows: int = TABLE_ROWS,
) -> None:
    if fmt == Format.table:
        table = Table(show_lines=False)
        for c in columns:
            table.add_column(Text(escape_control(c)))
        shown = 0
        cut = False
        for row in islice(rows, table_rows + 1):
            if shown == table_rows:
                cut = True
                break
            table.add_row(*(Text(escape_control(_cell(v))) for v in row))
            shown += 1
        console.print(table)
        if cut:
            console.print(
                Text(
                    f"{shown} row(s) shown; more were cut: --limit N shows N, "
                    "--format csv or jsonl writes every row",
                    style="dim",
                )
            )
        else:
            console.print(Text(f"{shown} row(s)", style="dim"))
        return
    out = console.file
    if fmt == Format.json:
        out.write("[")
        first = True
        for row in rows:
            out.write(("\n" if first else ",\n") + _json_item(columns, row))
            first = False
        out.write("]\n" if first else "\n]\n")
    elif fmt == Format.jsonl:
        for row in rows:
            out.write(json.dumps(plain(dict(zip(columns, row, strict=True))), ensure_ascii=False) + "\n")
    elif fmt == Format.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    elif fmt == Format.markdown:
        out.write("| " + " | ".join(escape_control(c) for c in columns) + " |\n")
        out.write("|" + "---|" * len(columns) + "\n")
        for row in rows:
            cells = [escape_control(_cell(v)).replace("|", "\\|").replace("\n", " ") for v in row]
            out.write("| " + " | ".join(cells) + " |\n")
