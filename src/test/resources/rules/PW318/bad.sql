CALL archive_old_articles(30);
