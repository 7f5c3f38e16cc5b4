VACUUM (ANALYZE) articles_article;
