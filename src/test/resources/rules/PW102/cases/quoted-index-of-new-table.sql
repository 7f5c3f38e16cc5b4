-- case: "Articles_title_idx", on a table created in the file, is not articles_title_idx
-- expect: not raised
CREATE TABLE drafts (id bigint PRIMARY KEY, title text);
CREATE INDEX "Articles_title_idx" ON drafts (title);
DROP INDEX "Articles_title_idx";
