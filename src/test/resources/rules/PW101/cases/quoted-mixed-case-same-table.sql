-- case: an index on "Articles" created earlier in the file is on a new table
-- expect: not raised
CREATE TABLE "Articles" (id bigint PRIMARY KEY, title text);
CREATE INDEX articles_title_idx ON "Articles" (title);
