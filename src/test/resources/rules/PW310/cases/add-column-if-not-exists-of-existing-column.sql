-- case: ADD COLUMN IF NOT EXISTS of a column the table already has declares nothing
-- expect: not raised
-- schema: schema-reviews.sql
ALTER TABLE reviews ADD COLUMN IF NOT EXISTS created_at timestamp;
