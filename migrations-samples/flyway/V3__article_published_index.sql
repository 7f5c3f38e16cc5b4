-- Flyway runs each versioned migration in a transaction unless told otherwise: this file
-- shows the CONCURRENTLY-in-a-transaction trap (see flyway/V4 for the working form).
CREATE INDEX CONCURRENTLY articles_article_published_idx
    ON articles_article (published_at) WHERE status = 'published';
