-- case: a CHECK (col IS NOT NULL) that is NOT VALID proves nothing: SET NOT NULL scans
-- expect: raised
-- schema: schema-check-not-valid.sql
ALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;
