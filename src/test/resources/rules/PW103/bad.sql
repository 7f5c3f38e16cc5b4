BEGIN;
CREATE INDEX CONCURRENTLY articles_title_idx ON articles_article (title);
COMMIT;
