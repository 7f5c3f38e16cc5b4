-- case: Flyway runs a V3__x.sql file in one transaction: the lock of the first ALTER is held through the second
-- expect: raised
SET lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
ALTER TABLE comments ADD COLUMN edited boolean;
