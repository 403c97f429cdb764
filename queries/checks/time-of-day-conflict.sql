-- id: time-of-day-conflict
-- severity: warning
-- tags: date, cross-article, record
-- description: Two facts put the same moment of one occurrence on the same day but at different times of day.
-- rationale: "Arrived on Sunday evening" and "arrived on Sunday morning" agree on the day and
--   disagree on the part of it; a warning, because part-of-day words are loose. Neighbouring
--   parts share their edges (late afternoon is early evening, late evening is night), so only
--   parts that cannot name one hour conflict: morning against any other, afternoon against
--   night. Only moments are compared (an arrival, a departure) of a traveller both accounts
--   name: a meeting's `when` spans hours, and a delegation may arrive in groups.
-- examined:
SELECT count(*) FROM fact_dates WHERE of IS NOT NULL AND d_part IS NOT NULL AND field IN ('arrive', 'depart')
-- findings:
SELECT a.of || ':' || a.field || ':' || a.owner || ':' || b.owner AS key,
       a.of || ' ' || a.field || ': ' || a.d_part || ' in ' || a.owner || ' but ' || b.d_part || ' in ' || b.owner
         || ' of ' || strftime(a.d_from, '%Y-%m-%d') AS message,
       [a.owner, b.owner] AS facts
FROM fact_dates a
JOIN fact_dates b ON a.of = b.of AND a.field = b.field AND a.owner < b.owner
JOIN visits va ON va.id = a.owner
JOIN visits vb ON vb.id = b.owner
WHERE a.field IN ('arrive', 'depart') AND list_has_any(va.travellers, vb.travellers)
  AND a.d_precision = 'day' AND b.d_precision = 'day' AND a.d_from = b.d_from
  AND a.d_part IS NOT NULL AND b.d_part IS NOT NULL AND a.d_part <> b.d_part
  AND NOT (least(a.d_part, b.d_part), greatest(a.d_part, b.d_part)) IN (('afternoon', 'evening'), ('evening', 'night'))
