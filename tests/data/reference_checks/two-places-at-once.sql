-- examined:
SELECT count(*) FROM presence WHERE d_from <= d_to
-- findings:
WITH p AS (
    SELECT pr.id, pr.person, pr.d_from, pr.d_to, pr.whole_day, pr.place,
           (SELECT x.ancestor FROM place_ancestry x JOIN countries c ON c.id = x.ancestor
            WHERE x.place = pr.place ORDER BY x.depth LIMIT 1) AS country
    FROM presence pr WHERE pr.d_from <= pr.d_to
)
SELECT a.person || ':' || a.id || ':' || b.id AS key,
       pe.name || ' is in ' || na.name || CASE WHEN a.whole_day THEN ' all day' ELSE '' END || ' (' || a.id || ') and in '
         || nb.name || CASE WHEN b.whole_day THEN ' all day' ELSE '' END || ' (' || b.id || ') on '
         || show_span(greatest(a.d_from, b.d_from), least(a.d_to, b.d_to)) AS message,
       [a.id, b.id] AS facts
FROM p a
JOIN p b ON a.person = b.person AND a.id < b.id AND a.d_from <= b.d_to AND b.d_from <= a.d_to
JOIN people pe ON pe.id = a.person
JOIN place_names na ON na.id = a.place
JOIN place_names nb ON nb.id = b.place
WHERE (a.whole_day OR b.whole_day) AND a.country <> b.country
