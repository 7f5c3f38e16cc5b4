ALTER TABLE articles_article ADD COLUMN headline varchar(200);
