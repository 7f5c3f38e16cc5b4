-- case: an UPDATE of a table created earlier in the file changes no existing rows
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
UPDATE articles_tag SET name = lower(name);
