-- case: an index on archive.articles_article, created earlier in the file, is on a new table
-- expect: not raised
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY, title text);
CREATE INDEX articles_title_idx ON archive.articles_article (title);
