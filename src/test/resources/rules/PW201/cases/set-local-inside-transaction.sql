-- case: SET LOCAL inside the transaction holds for the ALTER
-- expect: not raised
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
COMMIT;
