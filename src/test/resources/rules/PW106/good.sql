ALTER TABLE comments ADD CONSTRAINT comments_article_fk FOREIGN KEY (article_id) REFERENCES articles_article (id) NOT VALID;
COMMIT;
ALTER TABLE comments VALIDATE CONSTRAINT comments_article_fk;
