-- case: SET NOT NULL on a table created earlier in the file scans no rows
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
ALTER TABLE articles_tag ALTER COLUMN name SET NOT NULL;
