-- case: one DROP TABLE of a table created in the file and an existing one flags only the existing one
-- expect: raised 1
CREATE TABLE scratch (id bigint);
DROP TABLE scratch, legacy_reports;
