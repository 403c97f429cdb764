-- id: two-places-at-once
-- severity: error
-- tags: person, place, date
-- description: One person is placed in two different countries on a day one of them takes whole.
-- rationale: A visit places its travellers in its destination for the whole of each day strictly
--   between arrival and departure (travel days are left out, so flying from Seoul to Beijing on
--   one day is no conflict); a meeting or event with a venue places its participants there for
--   some part of its day. Two parts of one day fit anywhere a flight can join them, and a day
--   trip fits inside a stay in one country, so a finding needs a whole day in one country and
--   any presence that day in another. Only day-precise dates are used, and only places whose
--   country the record knows.
-- examined:
SELECT count(*) FROM presence WHERE d_from <= d_to
-- findings:
-- Only rows that share a day with another row of the same person can be in a
-- pair. In date order, a row shares a day with an earlier one if some earlier
-- row ends on or after its start, and with a later one if the next row starts
-- on or before its end; the pairs are looked for among those rows alone.
WITH days AS (
    SELECT id, person, place, d_from, d_to, whole_day,
           max(d_to) OVER w_before AS before_to, lead(d_from) OVER w AS next_from
    FROM presence WHERE d_from <= d_to
    WINDOW w AS (PARTITION BY person ORDER BY d_from, id),
           w_before AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
p AS MATERIALIZED (
    SELECT d.id, d.person, d.d_from, d.d_to, d.whole_day, d.place,
           (SELECT x.ancestor FROM place_ancestry x JOIN countries c ON c.id = x.ancestor
            WHERE x.place = d.place ORDER BY x.depth LIMIT 1) AS country
    FROM days d WHERE d.before_to >= d.d_from OR d.next_from <= d.d_to
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
