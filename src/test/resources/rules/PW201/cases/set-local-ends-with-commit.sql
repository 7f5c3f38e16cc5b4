-- case: SET LOCAL ends with its transaction: an ALTER after the COMMIT waits without limit
-- expect: raised 1
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
COMMIT;
ALTER TABLE articles_article ADD COLUMN headline text;
