CREATE TABLE import_staging (id bigint);
TRUNCATE import_staging;
