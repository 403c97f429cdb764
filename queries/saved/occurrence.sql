-- id: occurrence
-- description: Everything said about one occurrence (a visit, meeting, event or agreement),
--   article by article: each fact whose `of`, `part_of` or `setting` is the occurrence, one row
--   per quote, with its kind, how it names the occurrence (via), the article and outlet (or the
--   reference and publisher of the background record), the quote and file:line. Articles come
--   in order of publication, references after them; within a source, facts by id.
-- params: occurrence
-- example: factdb query --saved occurrence -p occurrence blinken-xi-meeting-2023
WITH links AS (
    SELECT id, 'of' AS via FROM fact_index WHERE "of" = $occurrence
    UNION ALL SELECT id, 'part_of' FROM visits WHERE part_of = $occurrence
    UNION ALL SELECT id, 'part_of' FROM meetings WHERE part_of = $occurrence
    UNION ALL SELECT id, 'setting' FROM statements WHERE setting = $occurrence
),
named AS (
    SELECT id, string_agg(via, ', ' ORDER BY via) AS via FROM links GROUP BY id
)
SELECT f.article, coalesce(a.outlet, r.publisher) AS outlet, f.id AS fact, f.kind, n.via,
       CASE WHEN f.source_kind = 'reference' THEN f.source END AS reference,
       f.quote, f.file || ':' || f.line AS "at"
FROM named n
JOIN facts f ON f.id = n.id
LEFT JOIN articles a ON a.id = f.article
LEFT JOIN refs r ON r.id = f.source AND f.source_kind = 'reference'
ORDER BY f.source_kind, a.published, f.source, f.id, f.evidence_seq
