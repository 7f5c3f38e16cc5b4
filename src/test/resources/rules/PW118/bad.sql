LOCK TABLE articles_article;
