-- examined:
SELECT count(*) FROM fact_dates WHERE of IS NOT NULL AND field IN ('when', 'arrive', 'end', 'depart')
-- findings:
-- Every pair of facts of one occurrence, each with its bounds on the first day S
-- and last day E written out one by one: a pair conflicts when no S <= E fits.
WITH dated AS (
    SELECT d.*, EXISTS (SELECT 1 FROM fact_dates x WHERE x.owner = d.owner AND x.field = 'end') AS has_end
    FROM fact_dates d
    WHERE d.of IS NOT NULL AND d.kind IN ('meeting', 'event', 'visit', 'agreement')
      AND d.field IN ('when', 'arrive', 'end', 'depart')
),
-- Each date and the day after it: two sources' time zones put one moment at most a day apart.
roles AS (
    SELECT owner, of, d_from, d_to + 1 AS d_to, field, d_phrase,
           field = 'arrive' OR (field = 'when' AND kind <> 'agreement') AS bounds_start,
           field IN ('depart', 'end') OR (field = 'when' AND kind IN ('meeting', 'event') AND NOT has_end) AS bounds_end,
           field = 'when' AND kind = 'agreement' AS touches
    FROM dated
),
facts AS (SELECT DISTINCT owner, of FROM roles),
-- Candidate days: every bound's ends. A set of bounds is met by some S <= E
-- exactly when it is met by S = the latest lower start bound and E = the
-- earliest upper end bound, so trying those two suffices.
fit AS (
    SELECT f.owner AS a, g.owner AS b, f.of,
           (SELECT coalesce(max(d_from), DATE '0001-01-01') FROM roles r WHERE r.of = f.of AND r.owner IN (f.owner, g.owner) AND r.bounds_start) AS s,
           (SELECT coalesce(min(d_to), DATE '9999-12-31') FROM roles r WHERE r.of = f.of AND r.owner IN (f.owner, g.owner) AND r.bounds_end) AS e
    FROM facts f JOIN facts g ON f.of = g.of AND f.owner <= g.owner
),
ok AS (
    SELECT fit.*, NOT EXISTS (
        SELECT 1 FROM roles r WHERE r.of = fit.of AND r.owner IN (fit.a, fit.b) AND (
            (r.bounds_start AND NOT (r.d_from <= fit.s AND fit.s <= r.d_to))
            OR (r.bounds_end AND NOT (r.d_from <= fit.e AND fit.e <= r.d_to))
            OR (r.touches AND NOT (fit.s <= r.d_to AND r.d_from <= fit.e)))
    ) AND fit.s <= fit.e AS fits
    FROM fit
),
said AS (
    SELECT owner, of,
           string_agg(CASE field WHEN 'arrive' THEN 'arriving ' WHEN 'depart' THEN 'leaving ' WHEN 'end' THEN 'ending ' ELSE '' END
                      || coalesce('"' || d_phrase || '" (' || shown || ')', shown),
                      ', ' ORDER BY field DESC) AS said
    FROM (SELECT *, show_date(d_from, d_to) AS shown FROM dated) GROUP BY owner, of
),
-- Every pair of facts that cannot both be true, each fact true alone.
conflicts AS (
    SELECT p.of, p.a, p.b
    FROM ok p
    JOIN ok sa1 ON sa1.a = p.a AND sa1.b = p.a AND sa1.fits
    JOIN ok sb1 ON sb1.a = p.b AND sb1.b = p.b AND sb1.fits
    LEFT JOIN visits va ON va.id = p.a
    LEFT JOIN visits vb ON vb.id = p.b
    WHERE p.a < p.b AND NOT p.fits
      AND (va.travellers IS NULL OR vb.travellers IS NULL OR list_has_any(va.travellers, vb.travellers))
),
-- The articles' facts one of the record's facts (the background's: no article) contradicts.
against_record AS (
    SELECT c.a AS owner FROM conflicts c JOIN fact_index r ON r.id = c.b AND r.article IS NULL
    UNION
    SELECT c.b FROM conflicts c JOIN fact_index r ON r.id = c.a AND r.article IS NULL
)
SELECT p.of || ':' || p.a || ':' || p.b AS key,
       o.label || ': ' || p.a || ' says ' || sa.said
         || coalesce(' (' || fa.article || ', published ' || strftime(aa.published, '%Y-%m-%d') || ')', ' (background)')
         || ' but ' || p.b || ' says ' || sb.said
         || coalesce(' (' || fb.article || ', published ' || strftime(ab.published, '%Y-%m-%d') || ')', ' (background)')
         || '; no dates fit both' AS message,
       [p.a, p.b] AS facts
FROM conflicts p
JOIN occurrences o ON o.id = p.of
JOIN said sa ON sa.owner = p.a AND sa.of = p.of
JOIN said sb ON sb.owner = p.b AND sb.of = p.of
JOIN fact_index fa ON fa.id = p.a
JOIN fact_index fb ON fb.id = p.b
LEFT JOIN articles aa ON aa.id = fa.article
LEFT JOIN articles ab ON ab.id = fb.article
-- a pair with a record's fact is reported; a pair of two articles' facts only when the record
-- contradicts neither (it reports the one it contradicts itself)
WHERE fa.article IS NULL OR fb.article IS NULL
   OR (p.a NOT IN (SELECT owner FROM against_record) AND p.b NOT IN (SELECT owner FROM against_record))
