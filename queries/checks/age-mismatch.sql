-- id: age-mismatch
-- severity: error
-- tags: person, record, figure
-- description: A stated age does not match the person's recorded birth date.
-- rationale: The age on the figure's as-of date (or, without one, on the article's publication
--   date) is computed in whole years from the recorded birth date; an as-of date or a birth
--   date known only to a month or year allows every age their spans allow, and a hedged age
--   ("about 60") is an interval. Whole years are a floor: a person of 61 is any age from 61 up
--   to 62, so "more than 61" and "61 and a half" fit, "62" does not; an age without a hedge is
--   read as written, not widened by the half year a stated figure's precision allows.
-- examined:
SELECT count(*) FROM figures f JOIN people p ON p.id = f.subject
WHERE f.measure = 'age' AND p.born_from IS NOT NULL
-- findings:
WITH ages AS (
    SELECT f.id, p.name, p.born_from, coalesce(p.born_to, p.born_from) AS born_to, f.quantity_value, f.quantity_hedge, f.quantity_low, f.quantity_high,
           f.quantity_low_closed, f.quantity_high_closed, fi.article,
           coalesce(f.as_of_from, a.published) AS d_from, coalesce(f.as_of_to, a.published) AS d_to
    FROM figures f
    JOIN people p ON p.id = f.subject
    JOIN fact_index fi ON fi.id = f.id
    LEFT JOIN articles a ON a.id = fi.article
    WHERE f.measure = 'age' AND p.born_from IS NOT NULL
)
SELECT id AS key,
       name || ' is said to be ' || quantity_value || ' on ' || show_span(d_from, d_to) || ' (' || coalesce(article, 'background')
         || '), but born ' || show_date(born_from, born_to) || ' makes ' || CASE WHEN age_on(born_to, d_from) = age_on(born_from, d_to)
         THEN CAST(age_on(born_to, d_from) AS VARCHAR) ELSE age_on(born_to, d_from) || '-' || age_on(born_from, d_to) END AS message,
       [id] AS facts
FROM ages
WHERE d_from IS NOT NULL
  -- A person aged N (whole years) is any age from N up to N + 1: "18 months" and "more
  -- than 61" fit a person of 1 and of 61. An age written without a hedge is that number of
  -- whole years, not the half year either way a stated figure's precision allows
  -- (schema/quantities.py): the middle of its interval.
  AND NOT intervals_overlap(CASE WHEN quantity_hedge = 'exact' THEN (quantity_low + quantity_high) / 2 ELSE quantity_low END,
                            CASE WHEN quantity_hedge = 'exact' THEN (quantity_low + quantity_high) / 2 ELSE quantity_high END,
                            quantity_low_closed, quantity_high_closed,
                            age_on(born_to, d_from), age_on(born_from, d_to) + 1, true, false)
