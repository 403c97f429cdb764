-- id: occurrence-date-conflict
-- severity: error
-- tags: date, relative-date, cross-article, record
-- description: Two facts about the same meeting, visit or event put it on dates that do not overlap.
-- rationale: Facts that cite one occurrence describe one happening, so their dates must share a
--   day. This catches relative references that point at the wrong period ("in February",
--   resolved against a 2023 publication date, for a call recorded in February 2021) and
--   claims that something is still going on after the record says it ended. A visit spans
--   its arrival to its departure, an event its start to its end.
-- examined:
SELECT count(*) FROM fact_dates WHERE of IS NOT NULL AND field IN ('when', 'arrive', 'end', 'depart')
-- findings:
WITH dated AS (
    SELECT owner, of, field, d_from, d_to, d_phrase
    FROM fact_dates
    WHERE of IS NOT NULL AND kind IN ('meeting', 'event', 'visit', 'agreement')
      AND field IN ('when', 'arrive', 'end', 'depart')
),
-- A conflict needs, at row level already, a date that starts after another ends.
maybe AS (
    SELECT of FROM dated GROUP BY of HAVING max(d_from) > min(d_to)
),
spans AS (
    SELECT owner, of, min(d_from) AS d_from, max(d_to) AS d_to FROM dated
    WHERE of IN (SELECT of FROM maybe) GROUP BY owner, of
),
-- Spans that pairwise share a day share one day (the latest start is on or
-- before the earliest end), so only the occurrences where that fails can hold
-- a conflicting pair: the pairs are looked for in those alone.
torn AS (
    SELECT of FROM spans GROUP BY of HAVING max(d_from) > min(d_to)
),
torn_spans AS MATERIALIZED (
    SELECT * FROM spans WHERE of IN (SELECT of FROM torn)
),
pairs AS (
    SELECT a.of, a.owner AS a_owner, b.owner AS b_owner, a.d_from AS a_from, a.d_to AS a_to, b.d_from AS b_from, b.d_to AS b_to
    FROM torn_spans a JOIN torn_spans b ON a.of = b.of AND a.owner < b.owner
    WHERE a.d_to < b.d_from OR b.d_to < a.d_from
),
-- How each side phrased its dates, worked out only for the facts in a conflict.
said AS (
    SELECT owner, of,
           string_agg(coalesce('"' || d_phrase || '"', strftime(d_from, '%Y-%m-%d')), ' to ' ORDER BY field DESC) AS said
    FROM dated
    WHERE owner IN (SELECT a_owner FROM pairs UNION ALL SELECT b_owner FROM pairs)
    GROUP BY owner, of
),
sources AS (
    SELECT f.id, coalesce(' (' || f.article || ', published ' || strftime(a.published, '%Y-%m-%d') || ')', ' (background)') AS src
    FROM fact_index f LEFT JOIN articles a ON a.id = f.article
    WHERE f.id IN (SELECT a_owner FROM pairs UNION ALL SELECT b_owner FROM pairs)
)
SELECT p.of || ':' || p.a_owner || ':' || p.b_owner AS key,
       o.label || ': ' || p.a_owner || ' says ' || sa.said || ' = ' || show_span(p.a_from, p.a_to) || fa.src
         || ' but ' || p.b_owner || ' says ' || sb.said || ' = ' || show_span(p.b_from, p.b_to) || fb.src AS message,
       [p.a_owner, p.b_owner] AS facts
FROM pairs p
JOIN occurrences o ON o.id = p.of
JOIN said sa ON sa.owner = p.a_owner AND sa.of = p.of
JOIN said sb ON sb.owner = p.b_owner AND sb.of = p.of
JOIN sources fa ON fa.id = p.a_owner
JOIN sources fb ON fb.id = p.b_owner
