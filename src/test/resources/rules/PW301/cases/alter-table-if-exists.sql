-- case: ALTER TABLE IF EXISTS on an existing table renames all the same
-- expect: raised
ALTER TABLE IF EXISTS articles_article RENAME COLUMN title TO headline;
