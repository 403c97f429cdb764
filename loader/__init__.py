"""factdb's loader (import name ``factdb.loader``): from fact files to a checked
DuckDB database, and everything that reads one.

Sub-packages follow the pipeline, each importing only those before it (a test,
tests/system/test_layout.py, holds the order):

1. ``common``: errors, progress, paths, database connections, code versions;
2. ``read``: one file's bytes to a validated model, positions kept, cached;
3. ``corpus``: every file together: ids resolved, quotes verified, sentences;
4. ``build``: the Arrow tables into a database file, cold, sharded or warm;
5. ``checks``: the SQL checks, run and their findings stored;
6. ``pipeline`` (a module): the stages in order, for ``validate`` and ``build``;
7. ``output``: formats, text layouts of a check report, SARIF;
8. ``report``: coverage and the HTML report.

Commands that are one module each stay here at the top beside ``cli.py``
(query, show, export, new_article, editor, schema_export); the CLI parses
options, calls one library function and renders its result."""
