-- case: REINDEX CONCURRENTLY exists from PostgreSQL 12, the oldest analysed: the plain form is flagged there too
-- expect: raised
-- schema: schema-articles.sql
-- pg-version: 12
REINDEX TABLE articles_article;
