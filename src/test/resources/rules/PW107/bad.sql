BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE articles_article ADD CONSTRAINT views_positive CHECK (views >= 0) NOT VALID;
ALTER TABLE articles_article VALIDATE CONSTRAINT views_positive;
COMMIT;
