-- case: "Articles_tag" created in the transaction is not articles_tag, which exists
-- expect: raised
BEGIN;
SET LOCAL lock_timeout = '2s';
CREATE TABLE "Articles_tag" (id bigint PRIMARY KEY);
ALTER TABLE articles_tag ADD COLUMN name text;
ALTER TABLE comments ADD COLUMN edited boolean;
COMMIT;
