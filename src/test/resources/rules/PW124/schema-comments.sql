CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE comments (id bigint PRIMARY KEY, user_id bigint, article_id bigint);
CREATE INDEX comments_user_id_idx ON comments (user_id);
