BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
ALTER TABLE comments ADD COLUMN edited boolean;
COMMIT;
