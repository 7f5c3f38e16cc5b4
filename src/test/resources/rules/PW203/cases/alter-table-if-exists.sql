-- case: ALTER TABLE IF EXISTS on a declared table takes and holds the lock all the same
-- expect: raised
-- schema: schema-articles.sql
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE IF EXISTS articles_article ADD COLUMN headline text;
ALTER TABLE comments ADD COLUMN edited boolean;
COMMIT;
