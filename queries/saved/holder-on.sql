-- id: holder-on
-- description: Who held an office on a date: each recorded term of office that spans the date
--   (basis 'term', from the background record) and each title an article gives someone on a
--   day or span that holds the date (basis 'title'), with the sources and file:line of each.
--   Two holders of a single-holder office on one date are what the check single-holder-overlap
--   reports; here they are side by side.
-- params: office, date
-- example: factdb query --saved holder-on -p office china-foreign-minister -p date 2023-06-19
WITH asked AS (
    SELECT CAST($office AS VARCHAR) AS office, CAST($date AS DATE) AS d
),
held AS (
    -- A term's end day is the next holder's first (terms.term_end is exclusive).
    SELECT t.id, 'term' AS basis, t.person, t.title, t.term_start AS date_from,
           r.end_from AS date_to, r.start_precision AS "precision"
    FROM terms t JOIN roles r USING (id), asked a
    WHERE t.office = a.office AND t.term_start <= a.d AND a.d < t.term_end
    UNION ALL
    SELECT r.id, 'title', r.person, r.title, r.at_from, r.at_to, r.at_precision
    FROM roles r, asked a
    WHERE r.office = a.office AND r.at_from <= a.d AND a.d <= r.at_to
)
SELECT h.person, p.name, h.basis, h.title, h.date_from, h.date_to, h."precision", h.id AS fact,
       fi.article,
       (SELECT list(DISTINCT e.source ORDER BY e.source) FROM evidence e WHERE e.owner = h.id)
           AS sources,
       fi.file || ':' || fi.line AS "at"
FROM held h
JOIN fact_index fi ON fi.id = h.id
LEFT JOIN people p ON p.id = h.person
ORDER BY h.basis, h.person, h.date_from, h.id
