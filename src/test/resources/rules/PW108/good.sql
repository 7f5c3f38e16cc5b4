CREATE UNIQUE INDEX CONCURRENTLY articles_slug_key ON articles_article (slug);
SET lock_timeout = '2s';
ALTER TABLE articles_article ADD CONSTRAINT articles_slug_key UNIQUE USING INDEX articles_slug_key;
