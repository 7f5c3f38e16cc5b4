-- case: under search_path app, the table is app.articles_article, created by this file: its index needs no CONCURRENTLY
-- expect: not raised
-- schema: schema-articles.sql
CREATE SCHEMA app;
SET search_path TO app, public;
CREATE TABLE articles_article (id bigint PRIMARY KEY, title text);
CREATE INDEX articles_title_idx ON articles_article (title);
