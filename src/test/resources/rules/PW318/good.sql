ALTER TABLE articles_article ADD COLUMN x bigint;
