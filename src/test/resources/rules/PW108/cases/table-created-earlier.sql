-- case: a UNIQUE constraint on a table created earlier in the file builds its index on no rows
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
ALTER TABLE articles_tag ADD CONSTRAINT articles_tag_name_key UNIQUE (name);
