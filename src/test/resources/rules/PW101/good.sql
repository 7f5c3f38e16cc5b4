CREATE INDEX CONCURRENTLY IF NOT EXISTS articles_title_idx ON articles_article (title);
