-- case: changing a column to integer is flagged
-- expect: raised
-- schema: schema-reviews.sql
ALTER TABLE reviews ALTER COLUMN score TYPE integer;
