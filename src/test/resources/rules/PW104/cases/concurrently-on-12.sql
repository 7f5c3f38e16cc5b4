-- case: REINDEX TABLE CONCURRENTLY on PostgreSQL 12 is the recommended form
-- expect: not raised
-- schema: schema-articles.sql
-- pg-version: 12
REINDEX TABLE CONCURRENTLY articles_article;
