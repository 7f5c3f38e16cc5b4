-- case: a CHECK added to a table created earlier in the file scans nothing
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
ALTER TABLE articles_tag ADD CONSTRAINT articles_tag_name_check CHECK (name <> '');
