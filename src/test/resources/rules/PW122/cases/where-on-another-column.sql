-- case: an UPDATE whose WHERE no key bounds reads the whole table
-- expect: raised
UPDATE articles_article SET summary = left(body, 300) WHERE summary IS NULL;
