CREATE TABLE tags (id bigint, name text);
CREATE UNIQUE INDEX tags_id_key ON tags (id);
