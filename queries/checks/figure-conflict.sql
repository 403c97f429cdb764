-- id: figure-conflict
-- severity: error
-- tags: interval, figure, cross-article
-- description: Two figures for the same measure, subject and date cannot both be true.
-- rationale: Figures are compared as intervals in one base unit (USD, percent, years,
--   minutes) after hedges and scales are applied ("nearly $7 billion" = [6.3, 7) billion
--   USD agrees with $6.463 billion), and a value is exact only at the precision it is written
--   with ("a 2-hour call" is any length from 1.5 to 2.5 hours, so it agrees with "2 hours and 17
--   minutes"; "$2 trillion" agrees with $1.95 trillion). A measure may change over time, even within a month, and
--   a figure "as of 2023" may be a year's total or the level on any day of it, so only figures
--   as of the same day are compared. Ages have a check of their own.
-- examined:
SELECT count(*) FROM figures WHERE measure <> 'age' AND as_of_from IS NOT NULL
-- findings:
SELECT a.measure || ':' || a.id || ':' || b.id AS key,
       a.measure || coalesce(' of ' || a.subject, '') || ': '
         || coalesce(a.quantity_text, a.quantity_hedge || ' ' || a.quantity_value || ' ' || a.quantity_scale || ' ' || a.quantity_unit)
         || ' as of ' || show_span(a.as_of_from, a.as_of_to) || ' (' || coalesce(fa.article, 'background') || ') vs '
         || coalesce(b.quantity_text, b.quantity_hedge || ' ' || b.quantity_value || ' ' || b.quantity_scale || ' ' || b.quantity_unit)
         || ' as of ' || show_span(b.as_of_from, b.as_of_to) || ' (' || coalesce(fb.article, 'background') || '): '
         || show_interval(a.quantity_low, a.quantity_high, a.quantity_low_closed, a.quantity_high_closed, a.quantity_base_unit)
         || ' and ' || show_interval(b.quantity_low, b.quantity_high, b.quantity_low_closed, b.quantity_high_closed, b.quantity_base_unit)
         || ' do not overlap' AS message,
       [a.id, b.id] AS facts
FROM figures a
JOIN figures b ON a.measure = b.measure AND a.subject IS NOT DISTINCT FROM b.subject AND a.id < b.id
JOIN fact_index fa ON fa.id = a.id
JOIN fact_index fb ON fb.id = b.id
WHERE a.measure <> 'age'
  AND a.quantity_base_unit = b.quantity_base_unit
  AND a.as_of_from = b.as_of_from AND a.as_of_to = b.as_of_to AND a.as_of_from = a.as_of_to
  AND NOT intervals_overlap(a.quantity_low, a.quantity_high, a.quantity_low_closed, a.quantity_high_closed,
                            b.quantity_low, b.quantity_high, b.quantity_low_closed, b.quantity_high_closed)
