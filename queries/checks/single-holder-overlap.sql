-- id: single-holder-overlap
-- severity: error
-- tags: office, cross-article, record
-- description: Two different people are said to hold an office that only one person holds at a time.
-- rationale: Offices marked single_holder (a foreign minister, a secretary of state) have one
--   holder on any day but a handover day, which belongs to both. Two article claims of
--   different people on the same day (both at day precision) conflict when a recorded term
--   certainly covers that day, so that it is no handover day; two recorded terms conflict when
--   the days each was certainly held overlap (a start or end known to a month or year is any
--   day of it).
-- examined:
SELECT (SELECT count(*) FROM roles c JOIN offices o ON o.id = c.office
        WHERE o.single_holder AND c.at_precision = 'day' AND c.at_from IS NOT NULL)
     + (SELECT count(*) FROM terms t JOIN offices o ON o.id = t.office WHERE o.single_holder)
-- findings:
-- Only claims that share a day with another claim on the same office can be
-- in a pair: in date order, some earlier claim ends on or after its start, or
-- the next one starts on or before its end.
WITH day_claims AS (
    SELECT c.id, c.person, c.office, c.title, c.at_from, c.at_to,
           max(c.at_to) OVER w_before AS before_to, lead(c.at_from) OVER w AS next_from
    FROM roles c JOIN offices o ON o.id = c.office
    WHERE o.single_holder AND c.at_precision = 'day' AND c.at_from IS NOT NULL
    WINDOW w AS (PARTITION BY c.office ORDER BY c.at_from, c.id),
           w_before AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
shared AS MATERIALIZED (
    -- The article is looked up for these few rather than for every claim (as title_claims would).
    SELECT d.*, f.article FROM day_claims d JOIN fact_index f USING (id)
    WHERE d.before_to >= d.at_from OR d.next_from <= d.at_to
)
SELECT 'claims:' || a.office || ':' || a.id || ':' || b.id AS key,
       o.title || ' on ' || show_span(greatest(a.at_from, b.at_from), least(a.at_to, b.at_to)) || ': '
         || pa.name || ' ("' || coalesce(a.title, o.title) || '", ' || a.article || ') and '
         || pb.name || ' ("' || coalesce(b.title, o.title) || '", ' || b.article || ')' AS message,
       [a.id, b.id] AS facts
FROM shared a
JOIN shared b ON a.office = b.office AND a.person <> b.person AND a.id < b.id
JOIN offices o ON o.id = a.office
JOIN people pa ON pa.id = a.person
JOIN people pb ON pb.id = b.person
WHERE a.at_from <= b.at_to AND b.at_from <= a.at_to
  -- Two people may both hold it on a handover day, which any day may be unless a
  -- recorded term certainly covers it: then one holder, that term's, has it.
  AND EXISTS (SELECT 1 FROM terms t WHERE t.office = a.office
              AND t.start_last < greatest(a.at_from, b.at_from) AND least(a.at_to, b.at_to) < t.end_first)
UNION ALL
SELECT 'terms:' || a.office || ':' || a.id || ':' || b.id,
       o.title || ': the recorded terms of ' || pa.name || ' (' || a.shown || ') and '
         || pb.name || ' (' || b.shown || ') overlap',
       [a.id, b.id]
FROM terms a
JOIN terms b ON a.office = b.office AND a.person <> b.person AND a.id < b.id
JOIN offices o ON o.id = a.office
JOIN people pa ON pa.id = a.person
JOIN people pb ON pb.id = b.person
WHERE o.single_holder AND a.start_last < b.end_first AND b.start_last < a.end_first
