CREATE TABLE task_export_job (id bigint PRIMARY KEY, token uuid);
