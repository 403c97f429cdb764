-- id: title-outside-tenure
-- severity: error
-- tags: office, record
-- description: An article gives someone a title on a date outside every recorded term of theirs in that office.
-- rationale: A title is judged only where the record can judge it: the person has a recorded
--   term in that office (a person's terms in an office, once recorded, are taken as all of
--   them), or the office has one holder at a time and another person's recorded term covers
--   every day the claim's date may be. It is found when none of the person's terms shares a
--   day with the claim's date, so a date known to a month or year holds if any day of it does;
--   a handover day belongs to both holders.
--   Titles change over time (Yang Jiechi was foreign minister in 2009 and state councilor in
--   2014); each claim is compared with the terms on its own date.
-- examined:
SELECT count(DISTINCT c.id) FROM roles c
JOIN offices o ON o.id = c.office
JOIN terms t ON t.office = c.office
            AND (t.person = c.person OR (o.single_holder AND t.start_last < c.at_from AND c.at_to < t.end_first))
WHERE c.at_from IS NOT NULL
-- findings:
-- Claims are read from roles, not title_claims, so that the article of only
-- the claims found is looked up (not that of every claim).
WITH claims AS (
    SELECT id, person, office, title, at_from, at_to FROM roles WHERE at_from IS NOT NULL
),
-- Each claim against the terms of its office that it is judged by (its
-- person's, and, for a single-holder office, any that cover its whole date):
-- found if none is its person's sharing a day with its date.
found AS MATERIALIZED (
    SELECT c.* FROM claims c JOIN (
        SELECT c.id FROM claims c
        JOIN offices o ON o.id = c.office
        JOIN terms t ON t.office = c.office
                    AND (t.person = c.person OR (o.single_holder AND t.start_last < c.at_from AND c.at_to < t.end_first))
        GROUP BY c.id
        HAVING NOT bool_or(t.person = c.person AND t.term_start <= c.at_to AND c.at_from <= t.term_end)
    ) USING (id)
)
SELECT c.office || ':' || c.id AS key,
       p.name || ' is "' || coalesce(c.title, o.title) || '" on ' || show_span(c.at_from, c.at_to)
         || ' in ' || f.article || ', but the record has '
         || coalesce((SELECT string_agg(ph.name || ' ' || t.shown, '; ' ORDER BY t.term_start, t.id)
                      FROM terms t JOIN people ph ON ph.id = t.person
                      WHERE t.office = c.office AND t.term_start <= c.at_to AND c.at_from <= t.term_end),
                     'no holder recorded then')
         || ' in that office'
         || coalesce(' (' || p.name || ': ' || (SELECT string_agg(t.shown, ', ' ORDER BY t.term_start, t.id)
                      FROM terms t WHERE t.office = c.office AND t.person = c.person) || ')', '') AS message,
       list_concat([c.id], (SELECT list(t.id ORDER BY t.term_start, t.id) FROM terms t
                            WHERE t.office = c.office
                              AND (t.person = c.person OR (t.term_start <= c.at_to AND c.at_from < t.term_end)))) AS facts
FROM found c
JOIN fact_index f ON f.id = c.id
JOIN offices o ON o.id = c.office
JOIN people p ON p.id = c.person
