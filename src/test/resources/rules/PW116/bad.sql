VACUUM FULL articles_article;
