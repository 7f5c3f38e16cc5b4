-- case: "Task_export_job" created in the file is not task_export_job, which exists
-- expect: raised
CREATE TABLE "Task_export_job" (id bigint PRIMARY KEY);
ALTER TABLE task_export_job ADD COLUMN token uuid DEFAULT gen_random_uuid();
