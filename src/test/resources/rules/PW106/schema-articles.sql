CREATE TABLE articles_article (id bigint PRIMARY KEY, title text, summary text, body text);
CREATE TABLE comments (id bigint PRIMARY KEY, article_id bigint, body text);
