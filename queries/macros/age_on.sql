-- A person's age in whole years on a day, from their birth date.
CREATE MACRO age_on(born, d) AS
        year(d) - year(born) - CASE WHEN month(d) * 100 + day(d) < month(born) * 100 + day(born) THEN 1 ELSE 0 END;
