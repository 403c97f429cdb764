-- examined:
SELECT (SELECT count(*) FROM title_claims c JOIN offices o ON o.id = c.office WHERE o.single_holder AND c.at_precision = 'day')
     + (SELECT count(*) FROM terms t JOIN offices o ON o.id = t.office WHERE o.single_holder)
-- findings:
SELECT 'claims:' || a.office || ':' || a.id || ':' || b.id AS key,
       o.title || ' on ' || show_span(greatest(a.at_from, b.at_from), least(a.at_to, b.at_to)) || ': '
         || pa.name || ' ("' || coalesce(a.title, o.title) || '", ' || a.article || ') and '
         || pb.name || ' ("' || coalesce(b.title, o.title) || '", ' || b.article || ')' AS message,
       [a.id, b.id] AS facts
FROM title_claims a
JOIN title_claims b ON a.office = b.office AND a.person <> b.person AND a.id < b.id
JOIN offices o ON o.id = a.office
JOIN people pa ON pa.id = a.person
JOIN people pb ON pb.id = b.person
WHERE o.single_holder AND a.at_precision = 'day' AND b.at_precision = 'day'
  AND a.at_from <= b.at_to AND b.at_from <= a.at_to
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
