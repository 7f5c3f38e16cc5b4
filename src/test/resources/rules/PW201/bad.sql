ALTER TABLE articles_article ADD COLUMN summary text;
