-- case: a volatile default on a table created earlier in the file rewrites no rows
-- expect: not raised
CREATE TABLE task_export_batch (id bigint PRIMARY KEY);
ALTER TABLE task_export_batch ADD COLUMN token uuid DEFAULT gen_random_uuid();
