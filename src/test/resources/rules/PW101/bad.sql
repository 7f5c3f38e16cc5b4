CREATE INDEX articles_title_idx ON articles_article (title);
