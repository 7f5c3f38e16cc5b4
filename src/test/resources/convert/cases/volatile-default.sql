-- A volatile default rewrites the table; its values differ on every run, so only their presence is compared.
-- volatile: articles_article.touched_at
-- migration
ALTER TABLE articles_article ADD COLUMN touched_at timestamptz NOT NULL DEFAULT clock_timestamp();
