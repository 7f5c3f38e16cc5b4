-- case: archive.articles_article created in the transaction is not articles_article
-- expect: raised
BEGIN;
SET LOCAL lock_timeout = '2s';
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY);
ALTER TABLE articles_article ADD COLUMN summary text;
ALTER TABLE comments ADD COLUMN edited boolean;
COMMIT;
