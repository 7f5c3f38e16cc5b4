-- case: REINDEX of archive.articles_article, created in the file, is not flagged
-- expect: not raised
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY, title text);
REINDEX TABLE archive.articles_article;
