"""Render results for people (rich tables) and for programs (csv, json, jsonl, markdown)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from .formats import Format, plain, to_json


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(plain(value))


def rows_as(fmt: Format, columns: list[str], rows: list[tuple[Any, ...]], console: Console) -> None:
    if fmt == Format.table:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        console.print(table)
        console.print(f"{len(rows)} row(s)", style="dim")
        return
    out = console.file
    if fmt == Format.json:
        out.write(to_json([dict(zip(columns, row, strict=True)) for row in rows]) + "\n")
    elif fmt == Format.jsonl:
        for row in rows:
            out.write(json.dumps(plain(dict(zip(columns, row, strict=True))), ensure_ascii=False) + "\n")
    elif fmt == Format.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
        out.write(buf.getvalue())
    elif fmt == Format.markdown:
        out.write("| " + " | ".join(columns) + " |\n")
        out.write("|" + "---|" * len(columns) + "\n")
        for row in rows:
            cells = [_cell(v).replace("|", "\\|").replace("\n", " ") for v in row]
            out.write("| " + " | ".join(cells) + " |\n")
