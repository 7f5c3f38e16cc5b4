CREATE TABLE "archive.articles_article" (id bigint PRIMARY KEY, summary text);
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY, summary text, CONSTRAINT summary_nn CHECK (summary IS NOT NULL));
