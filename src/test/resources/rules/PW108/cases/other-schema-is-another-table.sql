-- case: archive.articles_article created in the file is not articles_article
-- expect: raised
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY, slug text);
ALTER TABLE articles_article ADD CONSTRAINT articles_slug_key UNIQUE (slug);
