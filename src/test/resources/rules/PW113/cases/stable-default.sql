-- case: now() is STABLE, evaluated once for the ALTER: stored in the catalog, no rewrite
-- expect: not raised
ALTER TABLE task_export_job ADD COLUMN created_at timestamptz DEFAULT now();
