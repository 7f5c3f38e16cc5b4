ALTER TABLE articles_article ALTER COLUMN views TYPE bigint;
