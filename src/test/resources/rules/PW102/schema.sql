CREATE TABLE articles_article (id bigint PRIMARY KEY, title text);
CREATE INDEX articles_title_idx ON articles_article (title);
