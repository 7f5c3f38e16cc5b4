-- case: a validated CHECK (length(title) > 0) is about title: SET NOT NULL of summary scans
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD CONSTRAINT title_filled CHECK (title <> '' AND length(title) > 0) NOT VALID;
ALTER TABLE articles_article VALIDATE CONSTRAINT title_filled;
ALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;
