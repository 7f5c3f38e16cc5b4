-- case: ADD COLUMN IF NOT EXISTS of a column the table already has is skipped whole, its UNIQUE with it
-- expect: not raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS slug text UNIQUE;
