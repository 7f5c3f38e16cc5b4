-- case: a DELETE without WHERE removes every row in one transaction
-- expect: raised
DELETE FROM articles_article;
