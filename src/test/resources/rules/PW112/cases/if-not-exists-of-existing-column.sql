-- case: ADD COLUMN IF NOT EXISTS of a column the table already has is skipped
-- expect: not raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS summary varchar(300) NOT NULL;
