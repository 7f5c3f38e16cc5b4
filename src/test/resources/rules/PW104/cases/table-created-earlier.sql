-- case: REINDEX of a table created earlier in the file is not flagged
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
REINDEX TABLE articles_tag;
