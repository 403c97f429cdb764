-- id: weekday-mismatch
-- severity: error
-- tags: date
-- description: A stated weekday does not fall on the date it is given with.
-- rationale: Articles often give both ("Thursday, July 10"); the weekday is kept as written
--   and compared with the calendar. Weekdays in relative phrases are resolved to a date
--   with that weekday, so this examines dates given absolutely with a weekday beside them. A
--   night may run past midnight: "Monday night" fits a Tuesday date.
-- examined:
SELECT count(*) FROM fact_dates WHERE d_weekday IS NOT NULL AND d_precision = 'day'
-- findings:
SELECT d.owner || ':' || d.field AS key,
       -- where the weekday comes from: the phrase that names it, else the weekday field
       d.owner || ' ' || d.field || ': ' || coalesce('"' || d.d_phrase || '" names ', 'the weekday given is ')
         || d.d_weekday || ' but ' || strftime(d.d_from, '%Y-%m-%d') || ' is a ' || lower(dayname(d.d_from)) AS message,
       [d.owner] AS facts
FROM fact_dates d
WHERE d.d_weekday IS NOT NULL AND d.d_precision = 'day' AND lower(dayname(d.d_from)) <> d.d_weekday
  -- "Monday night" may run past midnight into Tuesday's date.
  AND NOT (d.d_part IS NOT DISTINCT FROM 'night' AND lower(dayname(d.d_from - 1)) = d.d_weekday)
