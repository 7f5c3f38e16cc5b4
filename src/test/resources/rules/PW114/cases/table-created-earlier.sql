-- case: a type change on a table created earlier in the file rewrites no rows
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, hits integer);
ALTER TABLE articles_tag ALTER COLUMN hits TYPE bigint;
