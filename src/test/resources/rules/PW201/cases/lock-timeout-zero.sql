-- case: lock_timeout = 0 disables the timeout: the ALTER waits without limit
-- expect: raised
SET lock_timeout = 0;
ALTER TABLE articles_article ADD COLUMN summary text;
