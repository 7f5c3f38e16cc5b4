ALTER TABLE task_export_job ADD COLUMN token uuid;
ALTER TABLE task_export_job ALTER COLUMN token SET DEFAULT gen_random_uuid();
