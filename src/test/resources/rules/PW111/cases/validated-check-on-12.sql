-- case: from PostgreSQL 12 a validated CHECK (col IS NOT NULL) lets SET NOT NULL skip its scan
-- expect: not raised
-- pg-version: 12
-- schema: good-schema.sql
ALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;
