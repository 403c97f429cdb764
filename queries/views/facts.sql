-- The one-row-per-(fact, evidence) entry point that most ad hoc SQL starts from.
CREATE VIEW facts AS
SELECT f.id, f.kind, f.of, f.file, f.line, f.col,
       e.seq AS evidence_seq, e.source, e.source_kind,
       CASE WHEN e.source_kind = 'article' THEN e.source END AS article,
       e.quote, e.quote_start, e.quote_end, f.note
FROM fact_index f JOIN evidence e ON e.owner = f.id;
