ALTER TABLE articles_article ALTER COLUMN body SET DEFAULT '';
