-- case: a NOT NULL constraint added NOT VALID on PostgreSQL 18 scans nothing
-- expect: not raised
-- pg-version: 18
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD CONSTRAINT articles_summary_nn NOT NULL summary NOT VALID;
