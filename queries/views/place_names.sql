-- The name of every place and country, for messages: one row per id.
CREATE VIEW place_names AS
SELECT id, name FROM places
UNION ALL
SELECT id, name FROM countries;
