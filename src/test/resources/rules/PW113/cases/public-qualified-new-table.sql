-- case: public.task_export_batch is the table created earlier in the file
-- expect: not raised
CREATE TABLE task_export_batch (id bigint PRIMARY KEY);
ALTER TABLE public.task_export_batch ADD COLUMN token uuid DEFAULT gen_random_uuid();
