-- examined:
SELECT count(*) FROM title_claims c
WHERE EXISTS (SELECT 1 FROM terms t JOIN offices o ON o.id = t.office WHERE t.office = c.office
              AND (t.person = c.person OR (o.single_holder AND t.start_last < c.at_from AND c.at_to < t.end_first)))
-- findings:
SELECT c.office || ':' || c.id AS key,
       p.name || ' is "' || coalesce(c.title, o.title) || '" on ' || show_span(c.at_from, c.at_to)
         || ' in ' || c.article || ', but the record has '
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
FROM title_claims c
JOIN offices o ON o.id = c.office
JOIN people p ON p.id = c.person
WHERE EXISTS (SELECT 1 FROM terms t JOIN offices o ON o.id = t.office WHERE t.office = c.office
              AND (t.person = c.person OR (o.single_holder AND t.start_last < c.at_from AND c.at_to < t.end_first)))
  AND NOT EXISTS (SELECT 1 FROM terms t WHERE t.office = c.office AND t.person = c.person
                  AND t.term_start <= c.at_to AND c.at_from <= t.term_end)
