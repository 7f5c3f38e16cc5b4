-- case: renaming a column added earlier in the file breaks no deployed code: none uses it yet
-- expect: not raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD COLUMN subtitle text;
ALTER TABLE articles_article RENAME COLUMN subtitle TO tagline;
