-- How a quantity's interval reads in a message: [low, high] unit, an open end as ( or ).
CREATE MACRO show_interval(low, high, lc, hc, unit) AS
        CASE WHEN lc THEN '[' ELSE '(' END || CAST(round(low, 3) AS VARCHAR) || ', '
        || CASE WHEN isinf(high) THEN 'inf' ELSE CAST(round(high, 3) AS VARCHAR) END
        || CASE WHEN hc THEN ']' ELSE ')' END || ' ' || unit;
