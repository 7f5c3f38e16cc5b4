-- case: a domain without a constraint over the column's own type stores the same values: no rewrite
-- expect: not raised
CREATE DOMAIN counter AS integer;
ALTER TABLE articles_article ALTER COLUMN views TYPE counter;
