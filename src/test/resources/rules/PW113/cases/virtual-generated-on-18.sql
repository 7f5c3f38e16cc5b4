-- case: PostgreSQL 18 generated columns are VIRTUAL by default: computed on read, nothing is rewritten
-- expect: not raised
-- pg-version: 18
-- schema: schema-jobs.sql
ALTER TABLE task_export_job ADD COLUMN id_text text GENERATED ALWAYS AS (id::text);
