-- id: first-since
-- severity: error
-- tags: visit, record, cross-article
-- description: A "first visit in N years" or "first visit since X" claim is contradicted by a recorded earlier visit.
-- rationale: The claim names who counts (holders of some offices over the whole span of their
--   arrival) and where (a place and everything inside it). An earlier visit is an arrival at
--   such a place, dated by the leg that reaches it where the visit is a trip (a leg without a
--   date lies between its neighbours'); the claim's own visit, the trip it is a leg of and the
--   trip's other legs never count. "Since X" is read as the words mean it: no such arrival after the
--   last day of X ("since 2018": after 2018-12-31), and "the first ever" as since a day before
--   any record, so a finding needs an arrival that is
--   certainly after X and certainly before the claimed visit began. "In almost five years" is
--   contradicted only by an arrival certainly inside the hedged period before the visit, and
--   "in five years", with no hedge, is a round figure: any period that rounds to it; a
--   latest recorded visit longer ago than the period is not judged, since the record may lack
--   the one the claim points at.
-- examined:
SELECT count(*) FROM visits WHERE first_since_offices IS NOT NULL
-- findings:
WITH RECURSIVE claim_start AS (
    -- The claimed visit began no earlier than the earliest arrival any account of
    -- its occurrence gives and no later than the latest. Read from the visits
    -- themselves, so that an edit to another kind's date does not run this again.
    SELECT of, min(lo) AS lo, max(hi) AS hi FROM (
        SELECT of, arrive_from AS lo, arrive_to AS hi FROM visits WHERE arrive_from IS NOT NULL
        UNION ALL
        SELECT v.of, l.arrive_from, l.arrive_to FROM visits v JOIN visit_legs l ON l.visit = v.id
        WHERE l.arrive_from IS NOT NULL
    )
    WHERE of IN (SELECT of FROM visits WHERE first_since_offices IS NOT NULL)
    GROUP BY of
),
claims AS (
    SELECT v.id, v.of, v.first_since_offices AS offices, v.first_since_to AS dest,
           -- A period stated without a hedge ("the first in five years") is a round figure:
           -- any length that rounds to it, half a unit either way, as every stated value's
           -- interval is (schema/quantities.py, the precision it is written with).
           v.first_since_period_low AS lo,
           v.first_since_period_high AS hi,
           v.first_since_period_low_closed AS lc, v.first_since_period_high_closed AS hc,
           v.first_since_period_text AS period_text,
           v.first_since_since_from AS since_from, v.first_since_since_to AS since_to,
           v.first_since_since_phrase AS since_phrase,
           s.lo AS start_lo, s.hi AS start_hi,
           coalesce(v.arrive_from, s.lo) AS arrive_from, coalesce(v.arrive_to, s.hi) AS arrive_to
    FROM visits v JOIN claim_start s ON s.of = v.of
    WHERE v.first_since_offices IS NOT NULL
),
-- Every arrival a visit fact records, as the span of days it certainly lies in.
arrivals AS (
    SELECT v.id, v.of, v.destination AS place, v.travellers,
           v.arrive_from AS a_from, coalesce(v.arrive_to, v.depart_to) AS a_to
    FROM visits v WHERE v.destination IS NOT NULL
    UNION ALL
    SELECT v.id, v.of, l.place, v.travellers,
           coalesce(l.arrive_from, l.before_from, v.arrive_from),
           coalesce(l.arrive_to, l.depart_to, l.after_to, v.depart_to)
    FROM visits v JOIN (
        SELECT *, max(arrive_from) OVER (PARTITION BY visit ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_from,
                  min(arrive_to) OVER (PARTITION BY visit ORDER BY seq ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS after_to
        FROM visit_legs
    ) l ON l.visit = v.id
),
-- A visit, the trips it is part of (at any depth) and all their other parts are one
-- journey: each occurrence with the outermost trip it belongs to.
up(of, root, depth) AS (
    SELECT DISTINCT of, of, 0 FROM visits
    UNION
    SELECT up.of, v.part_of, up.depth + 1 FROM up JOIN visits v ON v.of = up.root
    WHERE v.part_of IS NOT NULL AND up.depth < 32
),
journey AS (
    SELECT of, arg_max(root, depth) AS root FROM up GROUP BY of
),
earlier AS (
    SELECT c.id AS claim, a.id AS visit_fact, a.place, a.a_from, a.a_to, t.person, t.office
    FROM claims c
    JOIN arrivals a ON a.of <> c.of AND a.a_to < c.start_lo
    JOIN place_ancestry pa ON pa.place = a.place AND pa.ancestor = c.dest
    JOIN terms t ON list_contains(a.travellers, t.person) AND list_contains(c.offices, t.office)
                AND t.start_last <= a.a_from AND a.a_to < t.end_first
    WHERE (SELECT root FROM journey WHERE of = c.of) IS DISTINCT FROM (SELECT root FROM journey WHERE of = a.of)
),
against AS (
    SELECT e.*, c.since_to IS NOT NULL AS by_since FROM earlier e JOIN claims c ON c.id = e.claim
    WHERE (c.since_to IS NOT NULL AND e.a_from > c.since_to)
       OR (c.lo IS NOT NULL AND NOT intervals_overlap(c.lo, c.hi, c.lc, c.hc,
                                                      -- Years at their mean length, with the two days a run of
                                                      -- calendar years can differ from it by.
                                                      0, (date_diff('day', e.a_from, c.start_hi) + 2) / 365.2425, true, true))
),
told AS (
    SELECT g.claim, g.visit_fact, min(g.a_from) AS a_from,
           pe.name || ' (' || o.title || ') arrived in ' || pl.name || ' ' || show_date(g.a_from, g.a_to)
             || ' (' || g.visit_fact || ')' AS said
    FROM against g
    JOIN people pe ON pe.id = g.person JOIN offices o ON o.id = g.office JOIN place_names pl ON pl.id = g.place
    GROUP BY g.claim, g.visit_fact, pe.name, o.title, pl.name, g.a_from, g.a_to
)
SELECT c.id AS key,
       oc.label || ' (arriving ' || show_date(c.arrive_from, c.arrive_to) || ') is called the first visit to ' || dp.name
         || CASE WHEN c.since_to = DATE '0001-01-01' AND c.since_phrase = 'ever'
                 THEN ' ever (first_since: {ever: true}), read as: none arriving before it'
                 WHEN c.since_to IS NOT NULL
                 THEN ' since ' || show_date(c.since_from, c.since_to) || coalesce(' ("' || c.since_phrase || '")', '')
                      || ', read as: none arriving after ' || strftime(c.since_to, '%Y-%m-%d')
                 ELSE ' in ' || coalesce('"' || c.period_text || '"', 'the period') || ', read as: none arriving in the '
                      || show_interval(c.lo, c.hi, c.lc, c.hc, 'years') || ' before it' END
         || '; but ' || (SELECT string_agg(t.said, '; ' ORDER BY t.a_from, t.said) FROM told t WHERE t.claim = c.id) AS message,
       list_concat([c.id], (SELECT list(visit_fact ORDER BY a_from, visit_fact)
                            FROM (SELECT visit_fact, min(a_from) AS a_from FROM told t WHERE t.claim = c.id GROUP BY visit_fact))) AS facts
FROM claims c
JOIN occurrences oc ON oc.id = c.of
JOIN place_names dp ON dp.id = c.dest
WHERE EXISTS (SELECT 1 FROM against g WHERE g.claim = c.id)
