-- case: ADD COLUMN IF NOT EXISTS of a column the table lacks rewrites it for the volatile default
-- expect: raised
-- schema: schema-jobs.sql
ALTER TABLE task_export_job ADD COLUMN IF NOT EXISTS secret uuid DEFAULT gen_random_uuid();
