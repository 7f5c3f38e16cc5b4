-- case: a CHECK added NOT VALID and validated earlier in the file proves the column
-- expect: not raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD CONSTRAINT summary_nn CHECK (summary IS NOT NULL) NOT VALID;
ALTER TABLE articles_article VALIDATE CONSTRAINT summary_nn;
ALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;
