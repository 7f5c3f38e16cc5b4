-- case: a foreign key from a table created earlier in the file to an existing one validates no rows
-- expect: not raised
-- schema: schema-articles.sql
CREATE TABLE articles_tag (id bigint PRIMARY KEY, article_id bigint);
ALTER TABLE articles_tag ADD CONSTRAINT articles_tag_article_fk FOREIGN KEY (article_id) REFERENCES articles_article (id);
