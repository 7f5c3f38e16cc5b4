ALTER TABLE articles_article ADD CONSTRAINT articles_slug_key UNIQUE (slug);
