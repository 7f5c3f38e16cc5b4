-- case: a constant DEFAULT is stored in the catalog (PostgreSQL 11+): no rewrite on 12
-- expect: not raised
-- pg-version: 12
ALTER TABLE task_export_job ADD COLUMN status text DEFAULT 'pending';
