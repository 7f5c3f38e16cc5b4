ALTER TABLE articles_article RENAME COLUMN title TO headline;
