SET lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
ALTER TABLE articles_article ADD COLUMN reviewed boolean;
