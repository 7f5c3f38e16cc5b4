ALTER TABLE articles_article SET (fillfactor = 80);
