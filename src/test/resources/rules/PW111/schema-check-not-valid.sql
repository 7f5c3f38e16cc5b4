CREATE TABLE articles_article (id bigint PRIMARY KEY, summary text);
ALTER TABLE articles_article ADD CONSTRAINT summary_nn CHECK (summary IS NOT NULL) NOT VALID;
