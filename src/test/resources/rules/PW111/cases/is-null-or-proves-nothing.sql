-- case: a validated CHECK (summary IS NULL OR summary <> '') lets NULLs in: SET NOT NULL scans
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD CONSTRAINT summary_not_blank CHECK (summary IS NULL OR summary <> '') NOT VALID;
ALTER TABLE articles_article VALIDATE CONSTRAINT summary_not_blank;
ALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;
