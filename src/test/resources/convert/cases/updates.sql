-- Updates of existing columns, with and without a WHERE, become backfills with the same SET and WHERE.
-- migration
UPDATE articles_article SET status = 'archived' WHERE id % 7 = 0;
UPDATE articles_comment SET body = upper(body);
ALTER TABLE articles_article ALTER COLUMN published_at SET DEFAULT now();
