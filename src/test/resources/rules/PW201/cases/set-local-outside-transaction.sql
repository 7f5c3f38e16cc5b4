-- case: SET LOCAL outside a transaction block has no effect after its own statement
-- expect: raised
SET LOCAL lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
