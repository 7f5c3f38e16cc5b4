-- case: archive.articles_article created in the file is not articles_article
-- expect: raised
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY, title text);
ALTER TABLE articles_article ADD CONSTRAINT articles_title_check CHECK (title <> '');
