UPDATE articles_article SET summary = left(body, 300);
