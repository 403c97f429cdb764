-- id: trip-legs-disagree
-- severity: error
-- tags: visit, trip, cross-article, record
-- description: An account of a trip has a stop that another account, which lists every stop, does not.
-- rationale: An account that lists legs may name only some of them ("he will also visit Seoul"),
--   so a stop missing from it contradicts nothing. An account marked `legs_complete` says those
--   are all the stops: a stop another account of the same trip adds, matching none of them (a
--   city matches the country that contains it), is a contradiction of where the traveller went.
--   A place whose country the record does not know is not judged: it may lie inside any stop.
-- examined:
SELECT count(*) FROM visit_legs
-- findings:
WITH extra AS (
    SELECT a.id AS a_id, b.id AS b_id, a.of, string_agg(l.place, ', ' ORDER BY l.seq) AS places
    FROM visits a
    JOIN visits b ON a.of = b.of AND a.id <> b.id AND b.legs_complete
    JOIN visit_legs l ON l.visit = a.id
    -- A place whose country the record does not know may lie inside any stop: not judged.
    WHERE EXISTS (SELECT 1 FROM place_ancestry pa JOIN countries k ON k.id = pa.ancestor WHERE pa.place = l.place)
      AND NOT EXISTS (SELECT 1 FROM visit_legs lb WHERE lb.visit = b.id AND NOT EXISTS (
          SELECT 1 FROM place_ancestry pa JOIN countries k ON k.id = pa.ancestor WHERE pa.place = lb.place))
      AND NOT EXISTS (
        SELECT 1 FROM visit_legs lb WHERE lb.visit = b.id AND (
            EXISTS (SELECT 1 FROM place_ancestry pa WHERE pa.place = l.place AND pa.ancestor = lb.place)
            OR EXISTS (SELECT 1 FROM place_ancestry pa WHERE pa.place = lb.place AND pa.ancestor = l.place)))
    GROUP BY a.id, b.id, a.of
)
SELECT of || ':' || least(a_id, b_id) || ':' || greatest(a_id, b_id) AS key,
       of || ': ' || string_agg(a_id || ' has ' || places || ', which ' || b_id || ' (every stop) does not', '; ' ORDER BY a_id) AS message,
       [least(a_id, b_id), greatest(a_id, b_id)] AS facts
FROM extra
GROUP BY of, least(a_id, b_id), greatest(a_id, b_id)
