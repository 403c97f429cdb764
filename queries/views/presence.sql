-- Where each person is on which days, by one fact: a meeting or event at a
-- venue on its day (for some part of it), a visit at its destination on the
-- days strictly between arrival and departure (the whole day; travel days
-- left out). Only day-precise dates.
CREATE VIEW presence AS
SELECT m.id, unnest(m.participants) AS person, m.venue AS place, m.when_from AS d_from, m.when_to AS d_to, false AS whole_day
FROM meetings m WHERE m.venue IS NOT NULL AND m.when_precision = 'day'
UNION ALL
SELECT e.id, unnest(e.participants), e.place, e.when_from, e.when_to, false
FROM events e WHERE e.place IS NOT NULL AND e.when_precision = 'day'
UNION ALL
SELECT v.id, unnest(v.travellers), v.destination, v.arrive_from + 1, v.depart_from - 1, true
FROM visits v WHERE v.destination IS NOT NULL AND v.arrive_precision = 'day' AND v.depart_precision = 'day'
UNION ALL
SELECT v.id, unnest(v.travellers), l.place, l.arrive_from + 1, l.depart_from - 1, true
FROM visits v JOIN visit_legs l ON l.visit = v.id WHERE l.arrive_precision = 'day' AND l.depart_precision = 'day';
