-- id: occurrence-date-conflict
-- severity: error
-- tags: date, relative-date, cross-article, record
-- description: Two facts about the same meeting, visit or event put it on dates that cannot both be true.
-- rationale: Facts that cite one occurrence describe one happening, which runs from a first day
--   S to a last day E. Each fact bounds them as its kind's dates mean: a visit's `arrive` bounds
--   S and its `depart` bounds E (a visit known only by its arrival may have gone on for any
--   time after it); an event's `when` bounds S and its `end` E, and an event without `end`, like
--   a meeting, took place within its `when`; an agreement's `when` is a day the occurrence was
--   going on. Each date is the span its precision allows and the day after: a date is
--   written in its source's time zone, and two sources may write one moment a day apart
--   (Washington's evening is Beijing's next morning). Two facts conflict when no S <= E
--   meets both sets of bounds. Two accounts of one visit that name no traveller in common may
--   tell of different travellers (a delegation arriving in groups) and are not compared. A fact
--   the record (the background) contradicts is reported against the record alone: its conflicts
--   with other articles' facts, which the record settles, are not reported again. This
--   catches relative references that point at the wrong period ("in February", resolved
--   against a 2023 publication date, for a call recorded in February 2021) and claims that
--   something is still going on after the record says it ended.
-- examined:
SELECT count(*) FROM fact_dates WHERE of IS NOT NULL AND field IN ('when', 'arrive', 'end', 'depart')
-- findings:
WITH dated_all AS MATERIALIZED (
    -- d_from..hi: a date and the day after it: two sources' time zones put one moment at
    -- most a day apart (a call on the evening of 10 February in Washington is 11 February
    -- in Beijing), so two dates a day apart may be one moment
    SELECT owner, kind, of, field, d_from, d_to, d_phrase, d_to + 1 AS hi
    FROM fact_dates
    WHERE of IS NOT NULL AND kind IN ('meeting', 'event', 'visit', 'agreement')
      AND field IN ('when', 'arrive', 'end', 'depart')
),
-- Dates that all share a day are met by S = E = that day, whatever they bound:
-- only occurrences with a date that starts after another ends are read further.
maybe AS (
    SELECT of FROM dated_all GROUP BY of HAVING max(d_from) > min(hi)
),
-- What each date bounds of the occurrence's first day S and last day E: an
-- arrival or a `when` bounds S, a departure or an `end` bounds E, an agreement's
-- `when` is a day it touches ('t').
dated AS MATERIALIZED (
    SELECT *, CASE WHEN field = 'arrive' OR (field = 'when' AND kind <> 'agreement') THEN 's'
                   WHEN field IN ('depart', 'end') THEN 'e' ELSE 't' END AS bound
    FROM dated_all WHERE of IN (SELECT of FROM maybe)
),
-- Each fact's bounds (a bound it does not give is the widest date); a meeting's or
-- an event's `when` bounds E too when the fact gives no `end`.
raw AS (
    SELECT owner, of, bool_or(field = 'end') AS has_end,
           max(d_from) FILTER (WHERE bound = 's') AS s_lo, min(hi) FILTER (WHERE bound = 's') AS s_hi,
           max(d_from) FILTER (WHERE bound = 'e') AS e_lo, min(hi) FILTER (WHERE bound = 'e') AS e_hi,
           max(d_from) FILTER (WHERE kind IN ('event', 'meeting') AND field = 'when') AS w_lo,
           min(hi) FILTER (WHERE kind IN ('event', 'meeting') AND field = 'when') AS w_hi,
           max(d_from) FILTER (WHERE bound = 't') AS t_lo, min(hi) FILTER (WHERE bound = 't') AS t_hi,
           min(d_from) AS d_from, max(d_to) AS d_to
    FROM dated GROUP BY owner, of
),
bounds AS (
    SELECT owner, of, d_from, d_to, (SELECT v.travellers FROM visits v WHERE v.id = raw.owner) AS travellers,
           coalesce(s_lo, DATE '0001-01-01') AS s_lo, coalesce(s_hi, DATE '9999-12-31') AS s_hi,
           coalesce(CASE WHEN has_end THEN e_lo ELSE greatest(e_lo, w_lo) END, DATE '0001-01-01') AS e_lo,
           coalesce(CASE WHEN has_end THEN e_hi ELSE least(e_hi, w_hi) END, DATE '9999-12-31') AS e_hi,
           coalesce(t_lo, DATE '0001-01-01') AS t_lo, coalesce(t_hi, DATE '9999-12-31') AS t_hi
    FROM raw
),
-- A fact that cannot be true alone is date-order's to report, not paired here.
sound AS MATERIALIZED (
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
torn_pairs AS MATERIALIZED (
    SELECT a.of, a.owner AS a_owner, b.owner AS b_owner
    FROM torn_bounds a JOIN torn_bounds b ON a.of = b.of AND a.owner < b.owner
    WHERE (a.travellers IS NULL OR b.travellers IS NULL OR list_has_any(a.travellers, b.travellers))
      AND NOT (greatest(a.s_lo, b.s_lo) <= least(a.s_hi, b.s_hi, a.t_hi, b.t_hi)
               AND greatest(a.e_lo, b.e_lo, a.t_lo, b.t_lo) <= least(a.e_hi, b.e_hi)
               AND greatest(a.s_lo, b.s_lo) <= least(a.e_hi, b.e_hi))
),
-- The facts of the record (the background) among them, and the articles' facts that one
-- of those contradicts: such a fact is reported against the record, once, and its pairs with
-- other articles' facts, which the record already settles, are left out (seed 002's "took
-- office in January" had paired with every later account of Biden's inauguration).
record AS (
    SELECT id FROM fact_index WHERE article IS NULL
      AND id IN (SELECT a_owner FROM torn_pairs UNION ALL SELECT b_owner FROM torn_pairs)
),
against_record AS (
    SELECT a_owner AS owner FROM torn_pairs WHERE b_owner IN (SELECT id FROM record)
    UNION SELECT b_owner FROM torn_pairs WHERE a_owner IN (SELECT id FROM record)
),
pairs AS MATERIALIZED (
    SELECT * FROM torn_pairs
    WHERE a_owner IN (SELECT id FROM record) OR b_owner IN (SELECT id FROM record)
       OR NOT (a_owner IN (SELECT owner FROM against_record) OR b_owner IN (SELECT owner FROM against_record))
),
-- How each side phrased its dates, worked out only for the facts in a conflict.
said AS MATERIALIZED (
    SELECT owner, of,
           string_agg(CASE field WHEN 'arrive' THEN 'arriving ' WHEN 'depart' THEN 'leaving ' WHEN 'end' THEN 'ending ' ELSE '' END
                      || coalesce('"' || d_phrase || '" (' || shown || ')', shown),
                      ', ' ORDER BY field DESC) AS said
    FROM (SELECT *, show_date(d_from, d_to) AS shown FROM dated
          WHERE owner IN (SELECT a_owner FROM pairs UNION ALL SELECT b_owner FROM pairs))
    GROUP BY owner, of
),
sources AS MATERIALIZED (
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
