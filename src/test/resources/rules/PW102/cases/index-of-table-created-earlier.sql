-- case: dropping an index of a table created earlier in the file is not flagged
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
CREATE INDEX articles_tag_name_idx ON articles_tag (name);
DROP INDEX articles_tag_name_idx;
