-- case: CREATE TABLE IF NOT EXISTS of a table the schema declares creates nothing: the index is built on the existing table with its rows
-- expect: raised
-- schema: schema-articles.sql
CREATE TABLE IF NOT EXISTS articles_article (id bigint PRIMARY KEY, title text);
CREATE INDEX articles_title_idx ON articles_article (title);
