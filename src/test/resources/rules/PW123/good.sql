ALTER TABLE articles_article ADD COLUMN summary varchar(300);
UPDATE articles_article SET summary = left(body, 300) WHERE id < 1000;
