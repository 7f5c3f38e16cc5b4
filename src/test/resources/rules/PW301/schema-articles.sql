CREATE TABLE articles_article (id bigint PRIMARY KEY, title varchar(200));
