ALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;
