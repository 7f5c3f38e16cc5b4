-- case: changing a column to timestamp is flagged
-- expect: raised
-- schema: schema-reviews.sql
ALTER TABLE reviews ALTER COLUMN created_at TYPE timestamp(0);
