LOCK TABLE articles_article IN ROW SHARE MODE;
