-- case: ALTER TABLE IF EXISTS on an existing table rewrites it all the same
-- expect: raised
ALTER TABLE IF EXISTS articles_article ALTER COLUMN views TYPE bigint;
