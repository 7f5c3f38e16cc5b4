-- case: an index of archive.drafts, a table created in the file, dropped by its qualified name
-- expect: not raised
CREATE TABLE archive.drafts (id bigint PRIMARY KEY, title text);
CREATE INDEX drafts_title_idx ON archive.drafts (title);
DROP INDEX archive.drafts_title_idx;
