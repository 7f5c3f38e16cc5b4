CREATE TABLE articles_article (id bigint PRIMARY KEY, title text, summary text);
CREATE TABLE comments (id bigint PRIMARY KEY, body text);
