-- How a date span reads in a message: one day, or from..to.
CREATE MACRO show_span(d_from, d_to) AS
        CASE WHEN d_from = d_to THEN strftime(d_from, '%Y-%m-%d')
             ELSE strftime(d_from, '%Y-%m-%d') || '..' || strftime(d_to, '%Y-%m-%d') END;
