"""Read, validate, resolve, verify and load fact files (import name ``factdb.loader``)."""
