-- case: ALTER TABLE IF EXISTS on an existing table drops the column all the same
-- expect: raised
ALTER TABLE IF EXISTS articles_article DROP COLUMN legacy_slug;
