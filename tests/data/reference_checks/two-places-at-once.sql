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
