-- id: single-holder-overlap
-- severity: error
-- tags: office, cross-article, record
-- description: Two different people are said to hold an office that only one person holds at a time.
-- rationale: Offices marked single_holder (a foreign minister, a secretary of state) have one
--   holder on any day. Two article claims on the same day (both at day precision) conflict,
--   except on a day a recorded term of either of them begins or ends (a handover day is both
--   holders' day); two recorded terms conflict when they overlap, and the day a term ends is
--   the successor's first day, so a handover is not an overlap.
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
handovers AS (
    SELECT office, person, term_start AS day FROM terms
    UNION ALL
    SELECT office, person, term_end FROM terms
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
  -- On the day one recorded term of theirs ends and another begins, both held it.
  AND NOT EXISTS (SELECT 1 FROM handovers h WHERE h.office = a.office AND h.person IN (a.person, b.person)
                  AND h.day BETWEEN greatest(a.at_from, b.at_from) AND least(a.at_to, b.at_to))
UNION ALL
SELECT 'terms:' || a.office || ':' || a.id || ':' || b.id,
       o.title || ': the recorded terms of ' || pa.name || ' (' || show_term(a.term_start, a.term_end) || ') and '
         || pb.name || ' (' || show_term(b.term_start, b.term_end) || ') overlap',
       [a.id, b.id]
FROM terms a
JOIN terms b ON a.office = b.office AND a.person <> b.person AND a.id < b.id
JOIN offices o ON o.id = a.office
JOIN people pa ON pa.id = a.person
JOIN people pb ON pb.id = b.person
WHERE o.single_holder AND a.term_start < b.term_end AND b.term_start < a.term_end
