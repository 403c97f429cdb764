-- Titles as an article uses them on a date.
CREATE VIEW title_claims AS
SELECT r.id, r.person, r.office, r.title, r.at_from, r.at_to, r.at_precision, f.article
FROM roles r JOIN fact_index f USING (id) WHERE r.at_from IS NOT NULL;
