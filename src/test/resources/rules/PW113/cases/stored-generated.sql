-- case: a STORED generated column is computed into every row
-- expect: raised
-- schema: schema-jobs.sql
ALTER TABLE task_export_job ADD COLUMN id_text text GENERATED ALWAYS AS (id::text) STORED;
