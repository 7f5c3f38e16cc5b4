-- case: one DROP INDEX naming an index of a new table and one of an existing table still locks the existing one
-- expect: raised 1
CREATE TABLE drafts (id bigint PRIMARY KEY, title text);
CREATE INDEX drafts_title_idx ON drafts (title);
DROP INDEX drafts_title_idx, articles_title_idx;
