-- case: with public first in the search_path, articles_article is the existing public table with its rows
-- expect: raised
-- schema: schema-articles.sql
CREATE SCHEMA app;
CREATE TABLE app.articles_article (id bigint PRIMARY KEY, title text);
SET search_path TO public, app;
CREATE INDEX articles_title_idx ON articles_article (title);
