-- case: "Articles" created in the file is not articles: the index on articles is on an existing table
-- expect: raised
CREATE TABLE "Articles" (id bigint PRIMARY KEY, title text);
CREATE INDEX articles_title_idx ON articles (title);
