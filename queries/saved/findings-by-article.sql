-- id: findings-by-article
-- description: The findings of the checks, article by article: one row for each article a
--   finding's facts come from (article empty when they all come from the background record),
--   with the check, severity, verdict (unreviewed if nobody has reviewed it), every article
--   its facts come from, the facts, and the finding's key and message. Articles in order of
--   publication; within one, errors first, then by check and key.
-- params:
-- example: factdb query --saved findings-by-article --format markdown
WITH per_finding AS (
    SELECT ff.key,
           list(DISTINCT fi.article ORDER BY fi.article) FILTER (WHERE fi.article IS NOT NULL) AS articles,
           list(ff.fact_id ORDER BY ff.seq) AS facts
    FROM finding_facts ff JOIN fact_index fi ON fi.id = ff.fact_id
    GROUP BY ff.key
),
by_article AS (
    SELECT key, unnest(articles) AS article
    FROM per_finding
)
SELECT b.article, a.outlet, f.check_id AS "check", f.severity, coalesce(f.verdict, 'unreviewed') AS verdict,
       coalesce(p.articles, []) AS articles, coalesce(p.facts, []) AS facts, f.key, f.message
FROM findings f
LEFT JOIN per_finding p USING (key)
LEFT JOIN by_article b USING (key)
LEFT JOIN articles a ON a.id = b.article
ORDER BY a.published NULLS LAST, b.article, CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         f.check_id, f.key
