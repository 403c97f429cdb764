-- examined:
SELECT count(*) FROM meetings WHERE duration_low IS NOT NULL
-- findings:
SELECT a.of || ':' || a.id || ':' || b.id AS key,
       o.label || ': ' || coalesce(a.duration_text, a.duration_hedge || ' ' || a.duration_value || ' ' || a.duration_unit) || coalesce(' of ' || a.duration_covers, '')
         || ' (' || show_interval(a.duration_low, a.duration_high, a.duration_low_closed, a.duration_high_closed, 'min')
         || ', ' || coalesce(fa.article, 'background') || ') vs '
         || coalesce(b.duration_text, b.duration_hedge || ' ' || b.duration_value || ' ' || b.duration_unit) || coalesce(' of ' || b.duration_covers, '')
         || ' (' || show_interval(b.duration_low, b.duration_high, b.duration_low_closed, b.duration_high_closed, 'min')
         || ', ' || coalesce(fb.article, 'background') || '): no duration satisfies both' AS message,
       [a.id, b.id] AS facts
FROM meetings a
JOIN meetings b ON a.of = b.of AND a.duration_covers IS NOT DISTINCT FROM b.duration_covers AND a.id < b.id
JOIN fact_index fa ON fa.id = a.id
JOIN fact_index fb ON fb.id = b.id
JOIN occurrences o ON o.id = a.of
WHERE a.duration_low IS NOT NULL AND b.duration_low IS NOT NULL
  AND NOT intervals_overlap(a.duration_low, a.duration_high, a.duration_low_closed, a.duration_high_closed,
                            b.duration_low, b.duration_high, b.duration_low_closed, b.duration_high_closed)
