-- case: LOCK TABLE in ACCESS EXCLUSIVE mode holds the table for the statements after it
-- expect: raised
BEGIN;
SET LOCAL lock_timeout = '2s';
LOCK TABLE articles_article IN ACCESS EXCLUSIVE MODE;
UPDATE articles_article SET summary = '' WHERE id = 1;
COMMIT;
