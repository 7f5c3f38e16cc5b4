-- case: archive.articles_article created in the file is not articles_article: the index is on the existing table
-- expect: raised
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY, title text);
CREATE INDEX articles_title_idx ON articles_article (title);
