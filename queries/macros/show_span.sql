-- How a date span reads in a message, as the precision it is known to: a day
-- (2018-10-08), a whole month (2018-10), a whole year (2018), else from..to.
-- A year is never shown as its first day.
CREATE MACRO show_span(d_from, d_to) AS
        CASE WHEN d_from = d_to THEN strftime(d_from, '%Y-%m-%d')
             WHEN day(d_from) = 1 AND month(d_from) = 1 AND month(d_to) = 12 AND day(d_to) = 31
                  AND year(d_from) = year(d_to) THEN strftime(d_from, '%Y')
             WHEN day(d_from) = 1 AND d_to = last_day(d_from) THEN strftime(d_from, '%Y-%m')
             ELSE strftime(d_from, '%Y-%m-%d') || '..' || strftime(d_to, '%Y-%m-%d') END;
