-- How a term of office reads in a message: start..last day (its end is exclusive).
CREATE MACRO show_term(term_start, term_end) AS
        strftime(term_start, '%Y-%m-%d') || '..'
        || CASE WHEN term_end = DATE '9999-12-31' THEN '' ELSE strftime(term_end - 1, '%Y-%m-%d') END;
