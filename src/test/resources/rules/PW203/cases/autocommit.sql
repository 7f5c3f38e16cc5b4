-- case: without a transaction block each statement commits on its own: no lock is held across statements
-- expect: not raised
SET lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
ALTER TABLE comments ADD COLUMN edited boolean;
