-- case: SET UNLOGGED on a table created earlier in the file copies no rows
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
ALTER TABLE articles_tag SET UNLOGGED;
