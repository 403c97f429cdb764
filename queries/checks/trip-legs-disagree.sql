-- id: trip-legs-disagree
-- severity: error
-- tags: visit, trip, cross-article, record
-- description: Two accounts of the same trip list stops that the other does not have.
-- rationale: When two facts list the legs of one trip, every stop of each must match a stop of
--   the other (a city matches the country that contains it); a stop one account adds is a
--   contradiction of where the traveller went.
-- examined:
SELECT count(*) FROM visit_legs
-- findings:
WITH extra AS (
    SELECT a.id AS a_id, b.id AS b_id, a.of, string_agg(l.place, ', ' ORDER BY l.seq) AS places
    FROM visits a
    JOIN visits b ON a.of = b.of AND a.id <> b.id
    JOIN visit_legs l ON l.visit = a.id
    WHERE EXISTS (SELECT 1 FROM visit_legs lb WHERE lb.visit = b.id)
      AND NOT EXISTS (
        SELECT 1 FROM visit_legs lb WHERE lb.visit = b.id AND (
            EXISTS (SELECT 1 FROM place_ancestry pa WHERE pa.place = l.place AND pa.ancestor = lb.place)
            OR EXISTS (SELECT 1 FROM place_ancestry pa WHERE pa.place = lb.place AND pa.ancestor = l.place)))
    GROUP BY a.id, b.id, a.of
)
SELECT of || ':' || least(a_id, b_id) || ':' || greatest(a_id, b_id) AS key,
       of || ': ' || string_agg(a_id || ' has ' || places || ' which ' || b_id || ' does not', '; ' ORDER BY a_id) AS message,
       [least(a_id, b_id), greatest(a_id, b_id)] AS facts
FROM extra
GROUP BY of, least(a_id, b_id), greatest(a_id, b_id)
