-- case: "articles_title_idx" is the declared index articles_title_idx, on an existing table
-- expect: raised
CREATE TABLE drafts (id bigint PRIMARY KEY, title text);
CREATE INDEX "Articles_title_idx" ON drafts (title);
DROP INDEX "articles_title_idx";
