-- case: ALTER TABLE IF EXISTS on an existing table fails on its rows all the same
-- expect: raised
ALTER TABLE IF EXISTS articles_article ADD COLUMN headline text NOT NULL;
