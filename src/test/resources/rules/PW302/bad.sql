ALTER TABLE articles_article RENAME TO articles;
