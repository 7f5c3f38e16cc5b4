CREATE TABLE scratch (id bigint, tmp text);
ALTER TABLE scratch DROP COLUMN tmp;
