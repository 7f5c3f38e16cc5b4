-- case: archive.scratch created in the file is not scratch
-- expect: raised
CREATE TABLE archive.scratch (id bigint, tmp text);
ALTER TABLE scratch DROP COLUMN tmp;
