-- case: archive.articles_article created in the file is not articles_article
-- expect: raised
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY);
ALTER TABLE articles_article SET UNLOGGED;
