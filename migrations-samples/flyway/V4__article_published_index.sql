-- flyway:executeInTransaction=false
-- psql-compatible script; run outside a transaction so that CONCURRENTLY works.
\set ON_ERROR_STOP on
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS articles_article_published_idx
    ON articles_article (published_at) WHERE status = 'published';
