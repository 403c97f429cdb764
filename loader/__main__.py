"""`python -m factdb.loader` runs the CLI (used by tests and by CI)."""

from .cli import main

main()
