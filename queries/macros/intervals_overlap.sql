-- Whether two intervals share a point, honouring open and closed ends: the SQL twin of
-- schema.quantities.overlaps (a test holds the two to the same answers).
CREATE MACRO intervals_overlap(a_low, a_high, a_lc, a_hc, b_low, b_high, b_lc, b_hc) AS
        NOT (a_low > a_high OR b_low > b_high
             OR (a_low = a_high AND NOT (a_lc AND a_hc)) OR (b_low = b_high AND NOT (b_lc AND b_hc))
             OR a_high < b_low OR b_high < a_low
             OR (a_high = b_low AND NOT (a_hc AND b_lc))
             OR (b_high = a_low AND NOT (b_hc AND a_lc)));
