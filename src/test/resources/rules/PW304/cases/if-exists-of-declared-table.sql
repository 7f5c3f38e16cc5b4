-- case: DROP TABLE IF EXISTS of a table the schema declares drops it and its rows
-- expect: raised
-- schema: schema-reports.sql
DROP TABLE IF EXISTS legacy_reports;
