-- id: figures
-- description: Every figure of one measure, with the words as written, the hedged interval in
--   the base unit (low and high; low_closed and high_closed say whether each end is included;
--   an open end is infinite), the as-of date as a span with its precision, and the sources and
--   file:line of each. Dated figures in as-of order, then the undated.
-- params: measure
-- example: factdb query --saved figures -p measure china.fx-reserves
SELECT f.id AS fact, f.subject, f.quantity_text AS "text", f.quantity_hedge AS hedge,
       f.quantity_low AS low, f.quantity_high AS high, f.quantity_low_closed AS low_closed,
       f.quantity_high_closed AS high_closed, f.quantity_base_unit AS base_unit,
       show_interval(f.quantity_low, f.quantity_high, f.quantity_low_closed, f.quantity_high_closed,
                     f.quantity_base_unit) AS "interval",
       f.as_of_from, f.as_of_to, f.as_of_precision, fi.article,
       (SELECT list(DISTINCT e.source ORDER BY e.source) FROM evidence e WHERE e.owner = f.id)
           AS sources,
       fi.file || ':' || fi.line AS "at"
FROM figures f JOIN fact_index fi ON fi.id = f.id
WHERE f.measure = $measure
ORDER BY f.as_of_from NULLS LAST, f.as_of_to NULLS LAST, f.id
