-- case: CREATE INDEX IF NOT EXISTS of an index the schema declares builds nothing (PostgreSQL takes SHARE and skips it with a notice)
-- expect: not raised
-- schema: schema-articles-indexed.sql
CREATE INDEX IF NOT EXISTS articles_title_idx ON articles_article (title);
