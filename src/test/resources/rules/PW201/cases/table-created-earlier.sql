-- case: ALTER TABLE of a table created earlier in the file waits for no application query
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY);
ALTER TABLE articles_tag ADD COLUMN name text;
