-- Recorded terms of office: roles with a start (the background record).
-- The end day is exclusive, so a handover day is not an overlap.
CREATE VIEW terms AS
SELECT id, person, office, title, start_from AS term_start,
       coalesce(end_from, DATE '9999-12-31') AS term_end
FROM roles WHERE start_from IS NOT NULL;
