-- case: ADD COLUMN IF NOT EXISTS of a column the table already has is skipped: nothing is rewritten
-- expect: not raised
-- schema: schema-jobs.sql
ALTER TABLE task_export_job ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();
