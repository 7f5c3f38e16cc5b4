-- case: SET NOT NULL on a column already NOT NULL does nothing
-- expect: not raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ALTER COLUMN id SET NOT NULL;
