ALTER TABLE articles_article DROP COLUMN legacy_slug;
