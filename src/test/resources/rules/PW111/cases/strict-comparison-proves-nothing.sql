-- case: a validated CHECK (summary_length > 0) still lets NULLs in (a CHECK passes when its condition is NULL): SET NOT NULL scans
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD COLUMN summary_length integer;
ALTER TABLE articles_article ADD CONSTRAINT summary_length_positive CHECK (summary_length > 0) NOT VALID;
ALTER TABLE articles_article VALIDATE CONSTRAINT summary_length_positive;
ALTER TABLE articles_article ALTER COLUMN summary_length SET NOT NULL;
