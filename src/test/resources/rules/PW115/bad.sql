ALTER TABLE articles_article SET UNLOGGED;
