ALTER TABLE task_export_job ADD COLUMN token uuid DEFAULT gen_random_uuid();
