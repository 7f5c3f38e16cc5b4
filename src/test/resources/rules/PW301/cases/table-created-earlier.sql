-- case: renaming a column of a table created earlier in the file breaks no deployed code
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
ALTER TABLE articles_tag RENAME COLUMN name TO label;
