-- case: RESET lock_timeout goes back to the server default, no timeout
-- expect: raised 1
SET lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
RESET lock_timeout;
ALTER TABLE articles_article ADD COLUMN headline text;
