-- case: an index on a table created earlier in the same file is not flagged (the table is new and empty)
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
CREATE INDEX articles_tag_name_idx ON articles_tag (name);
