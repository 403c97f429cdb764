-- Every place (and country) with itself and each place that contains it.
CREATE VIEW place_ancestry AS
WITH RECURSIVE up(place, ancestor, depth) AS (
    SELECT id, id, 0 FROM places
    UNION ALL SELECT id, id, 0 FROM countries
    UNION ALL
    SELECT up.place, p.parent, up.depth + 1
    FROM up JOIN places p ON p.id = up.ancestor
    WHERE p.parent IS NOT NULL AND up.depth < 32
)
SELECT * FROM up;
