CREATE TABLE articles (id bigint);
ALTER TABLE articles RENAME TO posts;
