SET lock_timeout = '2s';
ALTER TABLE articles_article ADD CONSTRAINT views_positive CHECK (views >= 0);
