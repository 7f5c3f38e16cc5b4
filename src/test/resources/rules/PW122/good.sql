UPDATE articles_article SET summary = left(body, 300) WHERE id BETWEEN 1 AND 5000 AND summary IS NULL;
