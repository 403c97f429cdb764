-- How a date reads in a message, as the precision it is known to: a day
-- (2018-10-08), a whole month (2018-10), a whole year (2018), a month without its
-- year (2023-02 or 2024-02), else from..to.
-- A year is never shown as its first day. Larger to plan than show_span, so
-- only messages that name a claimed date use it.
CREATE MACRO show_date(d_from, d_to) AS
        CASE WHEN d_from = d_to THEN strftime(d_from, '%Y-%m-%d')
             WHEN strftime(d_from, '%m-%d') = '01-01' AND strftime(d_to, '%Y-%m-%d') = strftime(d_from, '%Y') || '-12-31'
                  THEN strftime(d_from, '%Y')
             WHEN day(d_from) = 1 AND d_to = last_day(d_from) THEN strftime(d_from, '%Y-%m')
             -- a month without its year ("in February"): its back and forward readings
             WHEN day(d_from) = 1 AND d_to = last_day(CAST(d_from + INTERVAL 1 YEAR AS DATE))
                  THEN strftime(d_from, '%Y-%m') || ' or ' || strftime(d_to, '%Y-%m')
             ELSE strftime(d_from, '%Y-%m-%d') || '..' || strftime(d_to, '%Y-%m-%d') END;
