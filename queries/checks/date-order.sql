-- id: date-order
-- severity: error
-- tags: date
-- description: Dates in the wrong order: a departure before the arrival, legs out of order, a meeting outside its visit, an end before its start.
-- rationale: Within one fact, and between a meeting and the visit it is part of, time runs one way:
--   a departure is not before its arrival, a leg is not reached before the one before it was
--   left, a meeting is not before the visit's arrival nor after its departure (each judged
--   alone, when the visit gives it). Dates are compared as spans, so a date known only to a
--   month or year is out of order only if the whole span is.
-- examined:
SELECT (SELECT count(*) FROM visits WHERE arrive_from IS NOT NULL AND depart_from IS NOT NULL)
     + (SELECT count(*) FROM visit_legs)
     + (SELECT count(*) FROM meetings m WHERE m.part_of IS NOT NULL AND m.when_from IS NOT NULL)
     + (SELECT count(*) FROM roles WHERE start_from IS NOT NULL AND end_from IS NOT NULL)
     + (SELECT count(*) FROM events WHERE end_from IS NOT NULL)
-- findings:
SELECT 'visit:' || id AS key, id || ' departs ' || show_span(depart_from, depart_to) || ' before it arrives '
         || show_span(arrive_from, arrive_to) AS message, [id] AS facts
FROM visits WHERE depart_to < arrive_from
UNION ALL
SELECT 'leg:' || visit || ':' || seq, visit || ' leg ' || seq || ' (' || place || ') departs before it arrives', [visit]
FROM visit_legs WHERE depart_to < arrive_from
UNION ALL
SELECT 'legs:' || a.visit || ':' || a.seq, a.visit || ' leg ' || b.seq || ' (' || b.place || ') is reached '
         || show_span(b.arrive_from, b.arrive_to) || ', before leg ' || a.seq || ' (' || a.place || ') '
         || CASE WHEN b.arrive_to < a.arrive_from THEN 'is reached ' || show_span(a.arrive_from, a.arrive_to)
                 ELSE 'is left ' || show_span(a.depart_from, a.depart_to) END, [a.visit]
FROM visit_legs a JOIN visit_legs b ON a.visit = b.visit AND b.seq = a.seq + 1
WHERE b.arrive_to < a.arrive_from OR b.arrive_to < a.depart_from
UNION ALL
SELECT 'meeting:' || m.id || ':' || v.id, m.id || ' is dated ' || show_span(m.when_from, m.when_to) || ', outside '
         || m.part_of || ' as ' || v.id || ' dates it (' || coalesce(strftime(v.arrive_from, '%Y-%m-%d'), '') || '..' || coalesce(strftime(v.depart_to, '%Y-%m-%d'), '') || ')', [m.id, v.id]
FROM meetings m JOIN visits v ON v.of = m.part_of
WHERE m.when_from IS NOT NULL AND (m.when_to < v.arrive_from OR v.depart_to < m.when_from)
UNION ALL
SELECT 'role:' || id, id || ' ends ' || show_span(end_from, end_to) || ' before it starts ' || show_span(start_from, start_to), [id]
FROM roles WHERE end_to < start_from
UNION ALL
SELECT 'event:' || id, id || ' ends ' || show_span(end_from, end_to) || ' before it starts ' || show_span(when_from, when_to), [id]
FROM events WHERE end_to < when_from
