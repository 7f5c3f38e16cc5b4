-- case: a volatile DEFAULT rewrites the table on every version
-- expect: raised
-- pg-version: 12
ALTER TABLE task_export_job ADD COLUMN token uuid DEFAULT gen_random_uuid();
