ALTER TABLE comments ADD CONSTRAINT comments_article_fk FOREIGN KEY (article_id) REFERENCES articles_article (id);
