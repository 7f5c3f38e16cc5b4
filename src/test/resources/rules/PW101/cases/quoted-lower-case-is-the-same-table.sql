-- case: "articles" is articles: the index is on the table created earlier in the file
-- expect: not raised
CREATE TABLE articles (id bigint PRIMARY KEY, title text);
CREATE INDEX articles_title_idx ON "articles" (title);
