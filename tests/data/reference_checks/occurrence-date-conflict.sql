-- examined:
SELECT count(*) FROM fact_dates WHERE of IS NOT NULL AND field IN ('when', 'arrive', 'end', 'depart')
-- findings:
WITH spans AS (
    SELECT owner, of, min(d_from) AS d_from, max(d_to) AS d_to,
           string_agg(coalesce('"' || d_phrase || '"', strftime(d_from, '%Y-%m-%d')), ' to ' ORDER BY field DESC) AS said
    FROM fact_dates
    WHERE of IS NOT NULL AND kind IN ('meeting', 'event', 'visit', 'agreement')
      AND field IN ('when', 'arrive', 'end', 'depart')
    GROUP BY owner, of
)
SELECT a.of || ':' || a.owner || ':' || b.owner AS key,
       o.label || ': ' || a.owner || ' says ' || a.said || ' = ' || show_span(a.d_from, a.d_to)
         || coalesce(' (' || fa.article || ', published ' || strftime(aa.published, '%Y-%m-%d') || ')', ' (background)')
         || ' but ' || b.owner || ' says ' || b.said || ' = ' || show_span(b.d_from, b.d_to)
         || coalesce(' (' || fb.article || ', published ' || strftime(ab.published, '%Y-%m-%d') || ')', ' (background)') AS message,
       [a.owner, b.owner] AS facts
FROM spans a
JOIN spans b ON a.of = b.of AND a.owner < b.owner
JOIN occurrences o ON o.id = a.of
JOIN fact_index fa ON fa.id = a.owner
JOIN fact_index fb ON fb.id = b.owner
LEFT JOIN articles aa ON aa.id = fa.article
LEFT JOIN articles ab ON ab.id = fb.article
WHERE a.d_to < b.d_from OR b.d_to < a.d_from
