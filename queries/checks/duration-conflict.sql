-- id: duration-conflict
-- severity: error
-- tags: interval, meeting, cross-article
-- description: Two accounts of the same meeting give durations that cannot both be true.
-- rationale: Durations are compared as intervals in minutes after the hedge table
--   ("about", "more than", "nearly") is applied, so only accounts with no minute in
--   common conflict: "more than five hours" agrees with "five and a half hours",
--   "about five hours" does not agree with "35 minutes", and a value is exact only at the
--   precision it is written with ("35 minutes" is 34.5 to 35.5; "a 2-hour meeting" agrees with
--   "2 hours and 17 minutes"). A duration the text says spans more
--   than the meeting (`duration_covers`: "talks and a working dinner") is compared only with
--   durations that cover the same, so like is compared with like.
-- examined:
SELECT count(*) FROM meetings WHERE duration_low IS NOT NULL
-- findings:
-- Intervals that pairwise overlap are those whose highest low end is below
-- their lowest high end (strictly, so open ends and empty intervals cannot
-- hide a conflict), so only occurrences where that fails are paired up.
WITH torn AS (
    SELECT of, duration_covers FROM meetings WHERE duration_low IS NOT NULL
    GROUP BY of, duration_covers HAVING count(*) > 1 AND max(duration_low) >= min(duration_high)
),
durations AS MATERIALIZED (
    SELECT id, of, duration_covers, duration_text, duration_hedge, duration_value, duration_unit,
           duration_low, duration_high, duration_low_closed, duration_high_closed
    FROM meetings m WHERE duration_low IS NOT NULL
      AND EXISTS (SELECT 1 FROM torn t WHERE t.of = m.of AND t.duration_covers IS NOT DISTINCT FROM m.duration_covers)
)
SELECT a.of || ':' || a.id || ':' || b.id AS key,
       o.label || ': ' || coalesce(a.duration_text, a.duration_hedge || ' ' || a.duration_value || ' ' || a.duration_unit) || coalesce(' of ' || a.duration_covers, '')
         || ' (' || show_interval(a.duration_low, a.duration_high, a.duration_low_closed, a.duration_high_closed, 'min')
         || ', ' || coalesce(fa.article, 'background') || ') vs '
         || coalesce(b.duration_text, b.duration_hedge || ' ' || b.duration_value || ' ' || b.duration_unit) || coalesce(' of ' || b.duration_covers, '')
         || ' (' || show_interval(b.duration_low, b.duration_high, b.duration_low_closed, b.duration_high_closed, 'min')
         || ', ' || coalesce(fb.article, 'background') || '): no duration satisfies both' AS message,
       [a.id, b.id] AS facts
FROM durations a
JOIN durations b ON a.of = b.of AND a.duration_covers IS NOT DISTINCT FROM b.duration_covers AND a.id < b.id
JOIN fact_index fa ON fa.id = a.id
JOIN fact_index fb ON fb.id = b.id
JOIN occurrences o ON o.id = a.of
WHERE NOT intervals_overlap(a.duration_low, a.duration_high, a.duration_low_closed, a.duration_high_closed,
                            b.duration_low, b.duration_high, b.duration_low_closed, b.duration_high_closed)
