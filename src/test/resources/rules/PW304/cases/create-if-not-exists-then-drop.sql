-- case: CREATE TABLE IF NOT EXISTS of a declared table creates nothing: the DROP drops the existing one
-- expect: raised
-- schema: schema-reports.sql
CREATE TABLE IF NOT EXISTS legacy_reports (id bigint PRIMARY KEY);
DROP TABLE legacy_reports;
