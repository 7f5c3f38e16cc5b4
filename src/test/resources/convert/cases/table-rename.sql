-- A table rename: expand renames it behind an updatable view with the old name, contract drops the view.
-- migration
ALTER TABLE tasks_taskexportjob RENAME TO tasks_exportjob;
CREATE INDEX tasks_exportjob_status_idx ON tasks_exportjob (status);
