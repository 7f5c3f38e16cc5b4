-- case: ACCESS EXCLUSIVE on a table created earlier in the transaction blocks no one: nobody else sees it yet
-- expect: not raised
BEGIN;
SET LOCAL lock_timeout = '2s';
CREATE TABLE articles_tag (id bigint PRIMARY KEY);
ALTER TABLE articles_tag ADD COLUMN name text;
ALTER TABLE comments ADD COLUMN edited boolean;
COMMIT;
