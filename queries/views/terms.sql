-- Recorded terms of office: roles with a start (the background record). A start
-- or end known only to a month or year is every day it allows, so each term has
-- what is possible and what is certain:
--   term_start .. term_end    the days the person may have held the office
--                             (term_end is the latest day it may have ended);
--   start_last .. end_first   the days they certainly held it (start_last its
--                             latest possible first day, end_first the earliest
--                             day it may have ended: held certainly before it).
-- The day a term ends is its successor's first day: a handover day belongs to
-- both holders. `shown` is the term as the record words it.
CREATE VIEW terms AS
SELECT id, person, office, title,
       start_from AS term_start,
       coalesce(end_to, DATE '9999-12-31') AS term_end,
       coalesce(start_to, start_from) AS start_last,
       coalesce(end_from, DATE '9999-12-31') AS end_first,
       show_date(start_from, coalesce(start_to, start_from)) || '..'
         || coalesce(show_date(end_from, end_to), '') AS shown
FROM roles WHERE start_from IS NOT NULL;
