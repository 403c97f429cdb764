-- Recorded terms of office: roles with a start (the background record, and an
-- article's "took office in ..."). A start or end known only to a month or year is
-- every day it allows, so each term has what is possible and what is certain:
--   term_start .. term_end    the days the person may have held the office
--                             (term_end is the latest day it may have ended);
--   start_last .. end_first   the days they certainly held it (start_last its
--                             latest possible first day, end_first the earliest
--                             day it may have ended: held certainly before it).
-- A term without an end was still held when its source was read: certainly up to
-- that day (an article's publication, a reference's `accessed`), possibly ever
-- after. The day a term ends is its successor's first day: a handover day belongs
-- to both holders. `shown` is the term as the record words it.
CREATE VIEW terms AS
WITH open_terms AS (
    -- the day each open term's source was read: the earliest of its sources
    SELECT e.owner AS id, min(coalesce(a.published, r.accessed)) AS read_on
    FROM evidence e
    LEFT JOIN articles a ON a.id = e.source
    LEFT JOIN refs r ON r.id = e.source
    WHERE e.owner IN (SELECT id FROM roles WHERE start_from IS NOT NULL AND end_from IS NULL)
    GROUP BY e.owner
)
SELECT r.id, r.person, r.office, r.title,
       r.start_from AS term_start,
       coalesce(r.end_to, DATE '9999-12-31') AS term_end,
       coalesce(r.start_to, r.start_from) AS start_last,
       coalesce(r.end_from, o.read_on, DATE '9999-12-31') AS end_first,
       show_date(r.start_from, coalesce(r.start_to, r.start_from)) || '..'
         || coalesce(show_date(r.end_from, r.end_to), '') AS shown
FROM roles r LEFT JOIN open_terms o ON o.id = r.id
WHERE r.start_from IS NOT NULL;
