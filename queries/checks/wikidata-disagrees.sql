-- id: wikidata-disagrees
-- severity: error
-- tags: record, wikidata
-- description: Wikidata and the hand-written record disagree on a person's terms in an office or on their birth date.
-- rationale: Facts citing a Wikidata reference (a reference whose url is on www.wikidata.org,
--   as `factdb import wikidata` writes them) are compared with the record written by hand.
--   Terms: where both sources have terms of one person in one office, each source's terms
--   are read as the days they certainly cover (from the latest day a start allows to the
--   earliest day an end allows; an open term up to the day its source was read) and the days
--   they may cover (an open term without end); a finding is a day one source certainly
--   covers that no term of the other may cover. So a start known to a year agrees with any
--   day of that year, one tenure recorded as two consecutive terms (a reappointment) agrees
--   with one term, and a source with no term of that person in that office judges nothing.
--   Births: a Wikidata birth date and the person's recorded `born` disagree when they share
--   no day.
-- examined:
WITH wd AS (
    SELECT e.owner AS id FROM evidence e JOIN refs r ON r.id = e.source
    WHERE r.url LIKE 'https://www.wikidata.org/%'
)
SELECT (SELECT count(*) FROM terms t
        WHERE t.id IN (SELECT id FROM wd)
          AND EXISTS (SELECT 1 FROM terms h WHERE h.person = t.person AND h.office = t.office
                        AND h.id NOT IN (SELECT id FROM wd)))
     + (SELECT count(*) FROM births b JOIN people p ON p.id = b.person
        WHERE p.born_from IS NOT NULL AND b.id IN (SELECT id FROM wd))
-- findings:
WITH wd AS (
    SELECT DISTINCT e.owner AS id FROM evidence e JOIN refs r ON r.id = e.source
    WHERE r.url LIKE 'https://www.wikidata.org/%'
),
-- (the terms view has an open term certain up to the day its source was read)
sourced AS (
    SELECT t.id, t.person, t.office, t.shown, t.term_start, t.term_end,
           CASE WHEN t.id IN (SELECT id FROM wd) THEN 'Wikidata' ELSE 'the record' END AS source,
           t.start_last AS certain_from, t.end_first AS certain_to
    FROM terms t
    JOIN fact_index f ON f.id = t.id AND f.article IS NULL  -- the background record, not an article's
),
-- Only a person and office both sources have terms of are compared.
pairs AS (
    SELECT person, office FROM sourced GROUP BY person, office HAVING count(DISTINCT source) = 2
),
-- The days each source's terms may cover, as runs of days without a gap.
ordered AS (
    SELECT s.*, max(s.term_end) OVER (PARTITION BY s.person, s.office, s.source ORDER BY s.term_start, s.id
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM sourced s JOIN pairs USING (person, office)
),
runs AS (
    SELECT person, office, source, run, min(term_start) AS run_from, max(term_end) AS run_to
    FROM (SELECT *, sum(CASE WHEN reach IS NULL OR term_start > reach + 1 THEN 1 ELSE 0 END)
                      OVER (PARTITION BY person, office, source ORDER BY term_start, id ROWS UNBOUNDED PRECEDING) AS run
          FROM ordered)
    GROUP BY person, office, source, run
),
uncovered AS (
    SELECT s.* FROM sourced s JOIN pairs USING (person, office)
    WHERE s.certain_from <= s.certain_to
      AND NOT EXISTS (SELECT 1 FROM runs r
                      WHERE r.person = s.person AND r.office = s.office AND r.source <> s.source
                        AND r.run_from <= s.certain_from AND s.certain_to <= r.run_to)
),
births_wd AS (
    SELECT b.id, b.person, b.born_from, coalesce(b.born_to, b.born_from) AS born_to
    FROM births b WHERE b.id IN (SELECT id FROM wd)
)
SELECT 'term:' || u.person || ':' || u.office || ':' || u.id AS key,
       p.name || ' as "' || o.title || '": ' || u.source || ' has ' || u.shown
         || ', every day of ' || show_span(u.certain_from, u.certain_to) || ' certainly in office, but '
         || CASE WHEN u.source = 'Wikidata' THEN 'the record' ELSE 'Wikidata' END || ' has '
         || (SELECT string_agg(x.shown, ', ' ORDER BY x.term_start, x.id) FROM sourced x
             WHERE x.person = u.person AND x.office = u.office AND x.source <> u.source)
         || ', which leaves some of those days out' AS message,
       list_concat([u.id], (SELECT list(x.id ORDER BY x.term_start, x.id) FROM sourced x
                            WHERE x.person = u.person AND x.office = u.office AND x.source <> u.source)) AS facts
FROM uncovered u
JOIN people p ON p.id = u.person
JOIN offices o ON o.id = u.office
UNION ALL
SELECT 'born:' || b.person || ':' || b.id AS key,
       p.name || ': Wikidata has born ' || show_date(b.born_from, b.born_to) || ', but the record has born '
         || show_date(p.born_from, coalesce(p.born_to, p.born_from)) AS message,
       [b.id] AS facts
FROM births_wd b
JOIN people p ON p.id = b.person
WHERE p.born_from IS NOT NULL
  AND NOT (b.born_from <= coalesce(p.born_to, p.born_from) AND p.born_from <= b.born_to)
