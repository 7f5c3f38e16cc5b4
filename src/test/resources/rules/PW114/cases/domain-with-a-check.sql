-- case: a domain with a CHECK: PostgreSQL checks every value and rewrites the table
-- expect: raised
CREATE DOMAIN positive_counter AS integer CHECK (VALUE >= 0);
ALTER TABLE articles_article ALTER COLUMN views TYPE positive_counter;
