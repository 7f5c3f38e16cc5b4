-- case: a NOT NULL column added to a table created earlier in the file meets no rows
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY);
ALTER TABLE articles_tag ADD COLUMN name text NOT NULL;
