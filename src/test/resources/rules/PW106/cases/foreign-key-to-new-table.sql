-- case: a foreign key from an existing table to a new one still reads every existing row
-- expect: raised
-- schema: schema-articles.sql
CREATE TABLE authors (id bigint PRIMARY KEY);
ALTER TABLE articles_article ADD COLUMN author_id bigint;
ALTER TABLE articles_article ADD CONSTRAINT articles_author_fk FOREIGN KEY (author_id) REFERENCES authors (id);
