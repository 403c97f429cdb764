-- id: first-since
-- severity: error
-- tags: visit, record, cross-article
-- description: A "first visit in N years" or "first visit since X" claim is contradicted by a recorded earlier visit.
-- rationale: The claim names who counts (holders of some offices on the day of their visit) and
--   where (a place and everything inside it). For "in almost five years" the most recent earlier
--   qualifying visit must lie inside the hedged interval before this one; for "since X" no
--   qualifying visit may fall between X and this one. With no recorded earlier visit the claim
--   is not judged.
-- examined:
SELECT count(*) FROM visits WHERE first_since_offices IS NOT NULL
-- findings:
WITH occ_start AS (
    SELECT of, min(d_from) AS start FROM fact_dates
    WHERE (field = 'arrive' OR field LIKE 'legs.%.arrive' OR field = 'when') AND d_precision IN ('day', 'span')
    GROUP BY of
),
trip_places AS (
    SELECT id, of, destination AS place, travellers FROM visits WHERE destination IS NOT NULL
    UNION ALL
    SELECT v.id, v.of, l.place, v.travellers FROM visits v JOIN visit_legs l ON l.visit = v.id
),
claims AS (
    SELECT v.id, v.of, v.first_since_offices AS offices, v.first_since_to AS dest,
           v.first_since_period_low AS lo, v.first_since_period_high AS hi,
           v.first_since_period_low_closed AS lc, v.first_since_period_high_closed AS hc,
           v.first_since_period_text AS period_text, v.first_since_since_from AS since, s.start
    FROM visits v JOIN occ_start s ON s.of = v.of
    WHERE v.first_since_offices IS NOT NULL
),
earlier AS (
    SELECT c.id AS claim, tp.id AS visit_fact, tp.of AS visit, s.start, t.person, t.office
    FROM claims c
    JOIN trip_places tp ON tp.of <> c.of
    JOIN occ_start s ON s.of = tp.of AND s.start < c.start
    JOIN place_ancestry pa ON pa.place = tp.place AND pa.ancestor = c.dest
    JOIN terms t ON list_contains(tp.travellers, t.person) AND list_contains(c.offices, t.office)
                AND t.term_start <= s.start AND s.start < t.term_end
),
latest AS (
    SELECT claim, max(start) AS start FROM earlier GROUP BY claim
)
SELECT c.id AS key,
       c.of || ' is called the first since ' || show_span(c.since, c.since) || ', but '
         -- Ordered, so that messages and fact lists are the same from run to run.
         || (SELECT string_agg(v, '; ' ORDER BY start, v)
             FROM (SELECT DISTINCT e.start, e.person || ' (' || e.office || ') visited on ' || strftime(e.start, '%Y-%m-%d') AS v
                   FROM earlier e WHERE e.claim = c.id AND e.start >= c.since)) AS message,
       list_concat([c.id], (SELECT list(visit_fact ORDER BY start, visit_fact)
                            FROM (SELECT e.visit_fact, min(e.start) AS start FROM earlier e
                                  WHERE e.claim = c.id AND e.start >= c.since GROUP BY e.visit_fact))) AS facts
FROM claims c
WHERE c.since IS NOT NULL
  AND EXISTS (SELECT 1 FROM earlier e WHERE e.claim = c.id AND e.start >= c.since)
UNION ALL
SELECT c.id,
       c.of || ' (' || strftime(c.start, '%Y-%m-%d') || ') is called the first in ' || coalesce(c.period_text, 'the period')
         || ', but the latest earlier qualifying visit was on ' || strftime(l.start, '%Y-%m-%d') || ', '
         || CAST(round(date_diff('day', l.start, c.start) / 365.2425, 2) AS VARCHAR) || ' years before; the claim allows '
         || show_interval(c.lo, c.hi, c.lc, c.hc, 'years'),
       list_concat([c.id], (SELECT list(DISTINCT e.visit_fact ORDER BY e.visit_fact) FROM earlier e WHERE e.claim = c.id AND e.start = l.start))
FROM claims c JOIN latest l ON l.claim = c.id
WHERE c.lo IS NOT NULL
  AND NOT intervals_overlap(c.lo, c.hi, c.lc, c.hc,
                            date_diff('day', l.start, c.start) / 365.2425, date_diff('day', l.start, c.start) / 365.2425, true, true)
