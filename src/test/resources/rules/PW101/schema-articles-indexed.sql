CREATE TABLE articles_article (id bigint PRIMARY KEY, title text, summary text, body text);
CREATE INDEX articles_title_idx ON articles_article (title);
