-- case: summary IS NOT NULL ANDed with another condition in one validated CHECK still proves the column
-- expect: not raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD CONSTRAINT summary_filled CHECK (summary IS NOT NULL AND length(summary) < 1000) NOT VALID;
ALTER TABLE articles_article VALIDATE CONSTRAINT summary_filled;
ALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;
