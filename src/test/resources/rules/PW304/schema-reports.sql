CREATE TABLE legacy_reports (id bigint PRIMARY KEY, body text);
