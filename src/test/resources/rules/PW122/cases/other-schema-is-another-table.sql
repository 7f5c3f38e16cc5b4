-- case: archive.articles_article created in the file is not articles_article
-- expect: raised
CREATE TABLE archive.articles_article (id bigint PRIMARY KEY, summary text);
UPDATE articles_article SET summary = '';
