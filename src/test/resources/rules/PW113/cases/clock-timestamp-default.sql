-- case: clock_timestamp() is VOLATILE: every row gets its own value, the table is rewritten
-- expect: raised
ALTER TABLE task_export_job ADD COLUMN created_at timestamptz DEFAULT clock_timestamp();
