CREATE TABLE articles_article (id bigint PRIMARY KEY, title text, slug text);
