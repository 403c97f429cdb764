-- id: two-places-at-once
-- severity: error
-- tags: person, place, date
-- description: One person is placed in two different cities on the same day.
-- rationale: A meeting or event with a venue places its participants there on its day; a visit
--   places its travellers at the destination on the days strictly between arrival and
--   departure (travel days are left out, so flying from Seoul to Beijing on one day is no
--   conflict). Only day-precise dates are used. Places are compared at city level (two
--   venues in Beijing agree), and match when one contains the other.
-- examined:
SELECT count(*) FROM presence WHERE d_from <= d_to
-- findings:
WITH p AS (
    SELECT pr.id, pr.person, pr.d_from, pr.d_to,
           coalesce((SELECT x.ancestor FROM place_ancestry x JOIN places c ON c.id = x.ancestor
                     WHERE x.place = pr.place AND c.type = 'city' ORDER BY x.depth LIMIT 1), pr.place) AS place
    FROM presence pr WHERE pr.d_from <= pr.d_to
)
SELECT a.person || ':' || a.id || ':' || b.id AS key,
       pe.name || ' is in ' || a.place || ' (' || a.id || ') and in ' || b.place || ' (' || b.id || ') on '
         || show_span(greatest(a.d_from, b.d_from), least(a.d_to, b.d_to)) AS message,
       [a.id, b.id] AS facts
FROM p a
JOIN p b ON a.person = b.person AND a.id < b.id AND a.d_from <= b.d_to AND b.d_from <= a.d_to
JOIN people pe ON pe.id = a.person
WHERE NOT EXISTS (SELECT 1 FROM place_ancestry x WHERE x.place = a.place AND x.ancestor = b.place)
  AND NOT EXISTS (SELECT 1 FROM place_ancestry x WHERE x.place = b.place AND x.ancestor = a.place)
