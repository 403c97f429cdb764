-- id: trip-legs
-- severity: error
-- tags: visit, trip, cross-article
-- description: A visit called "the fourth leg" or "the last stop" of a trip is not that leg of the trip as recorded.
-- rationale: Each account of the trip that lists every leg in order (`legs_complete`) is compared
--   with the claim; an account that may leave stops out cannot say which leg a stop was. A leg
--   matches the visit's destination when either place contains the other (Beijing and China
--   match), and a trip that passes one place twice makes it either leg.
-- examined:
SELECT count(*) FROM visits v JOIN visits t ON t.of = v.part_of
WHERE (v.leg IS NOT NULL OR v.last_stop) AND t.legs_complete AND v.destination IS NOT NULL
-- findings:
WITH claims AS (
    SELECT v.id, v.destination, v.leg, v.last_stop, t.id AS trip_fact, t.of AS trip,
           -- Every leg the stop may be: a trip may pass one place twice.
           (SELECT list(l.seq ORDER BY l.seq) FROM visit_legs l
            WHERE l.visit = t.id AND (
                EXISTS (SELECT 1 FROM place_ancestry pa WHERE pa.place = v.destination AND pa.ancestor = l.place)
                OR EXISTS (SELECT 1 FROM place_ancestry pa WHERE pa.place = l.place AND pa.ancestor = v.destination))) AS positions,
           (SELECT max(l.seq) FROM visit_legs l WHERE l.visit = t.id) AS legs
    FROM visits v JOIN visits t ON t.of = v.part_of
    WHERE (v.leg IS NOT NULL OR v.last_stop) AND t.legs_complete AND v.destination IS NOT NULL
)
SELECT trip || ':' || id || ':' || trip_fact AS key,
       CASE WHEN positions IS NULL THEN 'the trip as ' || trip_fact || ' lists every stop has no leg at ' || destination
            WHEN leg IS NOT NULL AND NOT list_contains(positions, leg) THEN destination || ' is called leg ' || leg || ' but is leg '
                 || array_to_string(positions, ' and ') || ' of ' || legs || ' in ' || trip_fact
            ELSE destination || ' is called the last stop but is leg ' || array_to_string(positions, ' and ') || ' of ' || legs || ' in ' || trip_fact
       END AS message,
       [id, trip_fact] AS facts
FROM claims
WHERE positions IS NULL OR (leg IS NOT NULL AND NOT list_contains(positions, leg))
   OR (last_stop AND NOT list_contains(positions, legs))
