ALTER TABLE articles_article ALTER COLUMN title TYPE varchar(300);
