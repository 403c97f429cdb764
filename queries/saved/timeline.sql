-- id: timeline
-- description: A person's timeline: terms of office (from the first day to the recorded end,
--   empty while in office), the titles articles give them on a date, the arrivals and
--   departures of their visits (each leg's too; a visit with no date at all as one row), and
--   the meetings, statements and events they are in, in date order. date_from and date_to are
--   the span the date resolves to (an event with an end: from its start to its end), precision
--   that of its start; undated facts come last.
-- params: person
-- example: factdb query --saved timeline -p person antony-blinken
WITH entries AS (
    SELECT id, 'term' AS entry, start_from AS date_from, end_from AS date_to, start_precision AS "precision",
           title || ' (' || office || ')' AS detail
    FROM roles WHERE person = $person AND start_from IS NOT NULL
    UNION ALL
    SELECT id, 'title', at_from, at_to, at_precision, title || ' (' || office || ')'
    FROM roles WHERE person = $person AND at_from IS NOT NULL
    UNION ALL
    SELECT id, 'arrive', arrive_from, arrive_to, arrive_precision, destination
    FROM visits WHERE list_contains(travellers, $person) AND arrive_from IS NOT NULL
    UNION ALL
    SELECT id, 'depart', depart_from, depart_to, depart_precision, destination
    FROM visits WHERE list_contains(travellers, $person) AND depart_from IS NOT NULL
    UNION ALL
    SELECT id, 'visit', NULL, NULL, NULL,
           coalesce(destination, (SELECT string_agg(l.place, ', ' ORDER BY l.seq) FROM visit_legs l WHERE l.visit = v.id), purpose)
    FROM visits v WHERE list_contains(travellers, $person) AND arrive_from IS NULL AND depart_from IS NULL
      AND NOT EXISTS (SELECT 1 FROM visit_legs l WHERE l.visit = v.id
                      AND (l.arrive_from IS NOT NULL OR l.depart_from IS NOT NULL))
    UNION ALL
    SELECT l.visit, 'arrive', l.arrive_from, l.arrive_to, l.arrive_precision, l.place || ' (leg ' || l.seq || ')'
    FROM visit_legs l JOIN visits v ON v.id = l.visit
    WHERE list_contains(v.travellers, $person) AND l.arrive_from IS NOT NULL
    UNION ALL
    SELECT l.visit, 'depart', l.depart_from, l.depart_to, l.depart_precision, l.place || ' (leg ' || l.seq || ')'
    FROM visit_legs l JOIN visits v ON v.id = l.visit
    WHERE list_contains(v.travellers, $person) AND l.depart_from IS NOT NULL
    UNION ALL
    SELECT id, 'meeting', when_from, when_to, when_precision,
           'with ' || array_to_string([p FOR p IN participants IF p <> $person], ', ')
               || coalesce(' at ' || venue, '') || coalesce(': ' || subject, '')
    FROM meetings WHERE list_contains(participants, $person)
    UNION ALL
    SELECT id, 'statement', when_from, when_to, when_precision, said
    FROM statements WHERE speaker = $person
    UNION ALL
    SELECT id, 'event', when_from, coalesce(end_to, when_to), when_precision,
           type || coalesce(' at ' || place, '') || coalesce(': ' || description, '')
    FROM events WHERE list_contains(participants, $person)
)
SELECT e.date_from, e.date_to, e."precision", e.entry, e.detail, e.id AS fact, fi."of", fi.article,
       fi.file || ':' || fi.line AS "at"
FROM entries e JOIN fact_index fi ON fi.id = e.id
ORDER BY e.date_from NULLS LAST, e.date_to NULLS LAST, e.entry, e.id, e.detail
