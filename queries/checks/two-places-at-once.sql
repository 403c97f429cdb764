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
-- Only rows that share a day with another row of the same person can be in a
-- pair. In date order, a row shares a day with an earlier one if some earlier
-- row ends on or after its start, and with a later one if the next row starts
-- on or before its end; the pairs are looked for among those rows alone.
WITH days AS (
    SELECT id, person, place, d_from, d_to,
           max(d_to) OVER w_before AS before_to, lead(d_from) OVER w AS next_from
    FROM presence WHERE d_from <= d_to
    WINDOW w AS (PARTITION BY person ORDER BY d_from, id),
           w_before AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
p AS MATERIALIZED (
    SELECT d.id, d.person, d.d_from, d.d_to,
           coalesce((SELECT x.ancestor FROM place_ancestry x JOIN places c ON c.id = x.ancestor
                     WHERE x.place = d.place AND c.type = 'city' ORDER BY x.depth LIMIT 1), d.place) AS place
    FROM days d WHERE d.before_to >= d.d_from OR d.next_from <= d.d_to
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
