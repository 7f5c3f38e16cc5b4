REINDEX TABLE articles_article;
