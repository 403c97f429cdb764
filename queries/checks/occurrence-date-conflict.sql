-- id: occurrence-date-conflict
-- severity: error
-- tags: date, relative-date, cross-article, record
-- description: Two facts about the same meeting, visit or event put it on dates that cannot both be true.
-- rationale: Facts that cite one occurrence describe one happening, which runs from a first day
--   S to a last day E. Each fact bounds them as its kind's dates mean: a visit's `arrive` bounds
--   S and its `depart` bounds E (a visit known only by its arrival may have gone on for any
--   time after it); an event's `when` bounds S and its `end` E, and an event without `end`, like
--   a meeting, took place within its `when`; an agreement's `when` is a day the occurrence was
--   going on. Each date is the span its precision allows. Two facts conflict when no S <= E
--   meets both sets of bounds. This catches relative references that point at the wrong period
--   ("in February", resolved against a 2023 publication date, for a call recorded in February
--   2021) and claims that something is still going on after the record says it ended.
-- examined:
SELECT count(*) FROM fact_dates WHERE of IS NOT NULL AND field IN ('when', 'arrive', 'end', 'depart')
-- findings:
WITH dated AS (
    SELECT owner, kind, of, field, d_from, d_to, d_phrase,
           bool_or(field = 'end') OVER (PARTITION BY owner) AS has_end
    FROM fact_dates
    WHERE of IS NOT NULL AND kind IN ('meeting', 'event', 'visit', 'agreement')
      AND field IN ('when', 'arrive', 'end', 'depart')
),
-- Each fact's bounds on the first day S and the last day E (a bound it does
-- not give is the widest date), and the days the occurrence must touch.
bounds AS (
    SELECT owner, of,
           coalesce(max(d_from) FILTER (WHERE field = 'arrive' OR (field = 'when' AND kind <> 'agreement')), DATE '0001-01-01') AS s_lo,
           coalesce(min(d_to) FILTER (WHERE field = 'arrive' OR (field = 'when' AND kind <> 'agreement')), DATE '9999-12-31') AS s_hi,
           coalesce(max(d_from) FILTER (WHERE field IN ('depart', 'end') OR (field = 'when' AND kind IN ('meeting', 'event') AND NOT has_end)), DATE '0001-01-01') AS e_lo,
           coalesce(min(d_to) FILTER (WHERE field IN ('depart', 'end') OR (field = 'when' AND kind IN ('meeting', 'event') AND NOT has_end)), DATE '9999-12-31') AS e_hi,
           coalesce(max(d_from) FILTER (WHERE field = 'when' AND kind = 'agreement'), DATE '0001-01-01') AS t_lo,
           coalesce(min(d_to) FILTER (WHERE field = 'when' AND kind = 'agreement'), DATE '9999-12-31') AS t_hi,
           min(d_from) AS d_from, max(d_to) AS d_to
    FROM dated GROUP BY owner, of
),
-- A fact that cannot be true alone is date-order's to report, not paired here.
sound AS (
    SELECT * FROM bounds
    WHERE s_lo <= least(s_hi, t_hi) AND greatest(e_lo, t_lo) <= e_hi AND s_lo <= e_hi
),
-- If all of an occurrence's facts can be true together, so can every pair of
-- them: only the occurrences where that fails are paired up.
torn AS (
    SELECT of FROM sound GROUP BY of HAVING count(*) > 1 AND NOT (
        max(s_lo) <= least(min(s_hi), min(t_hi)) AND greatest(max(e_lo), max(t_lo)) <= min(e_hi) AND max(s_lo) <= min(e_hi))
),
torn_bounds AS MATERIALIZED (
    SELECT * FROM sound WHERE of IN (SELECT of FROM torn)
),
pairs AS (
    SELECT a.of, a.owner AS a_owner, b.owner AS b_owner, a.d_from AS a_from, a.d_to AS a_to, b.d_from AS b_from, b.d_to AS b_to
    FROM torn_bounds a JOIN torn_bounds b ON a.of = b.of AND a.owner < b.owner
    WHERE NOT (greatest(a.s_lo, b.s_lo) <= least(a.s_hi, b.s_hi, a.t_hi, b.t_hi)
               AND greatest(a.e_lo, b.e_lo, a.t_lo, b.t_lo) <= least(a.e_hi, b.e_hi)
               AND greatest(a.s_lo, b.s_lo) <= least(a.e_hi, b.e_hi))
),
-- How each side phrased its dates, worked out only for the facts in a conflict.
said AS (
    SELECT owner, of,
           string_agg(CASE field WHEN 'arrive' THEN 'arriving ' WHEN 'depart' THEN 'leaving ' WHEN 'end' THEN 'ending ' ELSE '' END
                      || coalesce('"' || d_phrase || '" (' || show_span(d_from, d_to) || ')', show_span(d_from, d_to)),
                      ', ' ORDER BY field DESC) AS said
    FROM dated
    WHERE owner IN (SELECT a_owner FROM pairs UNION ALL SELECT b_owner FROM pairs)
    GROUP BY owner, of
),
sources AS (
    SELECT f.id, coalesce(' (' || f.article || ', published ' || strftime(a.published, '%Y-%m-%d') || ')', ' (background)') AS src
    FROM fact_index f LEFT JOIN articles a ON a.id = f.article
    WHERE f.id IN (SELECT a_owner FROM pairs UNION ALL SELECT b_owner FROM pairs)
)
SELECT p.of || ':' || p.a_owner || ':' || p.b_owner AS key,
       o.label || ': ' || p.a_owner || ' says ' || sa.said || fa.src
         || ' but ' || p.b_owner || ' says ' || sb.said || fb.src || '; no dates fit both' AS message,
       [p.a_owner, p.b_owner] AS facts
FROM pairs p
JOIN occurrences o ON o.id = p.of
JOIN said sa ON sa.owner = p.a_owner AND sa.of = p.of
JOIN said sb ON sb.owner = p.b_owner AND sb.of = p.of
JOIN sources fa ON fa.id = p.a_owner
JOIN sources fb ON fb.id = p.b_owner
