"""SQL shipped with factdb: consistency checks (checks/) and saved queries (saved/)."""
