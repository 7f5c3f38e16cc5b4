ALTER TABLE articles_article ADD COLUMN summary varchar(300);
