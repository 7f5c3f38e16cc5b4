-- The audit log reached 400 M rows (2023-03): a partitioned table for new rows, by month.
BEGIN;

CREATE TABLE audit_events (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    table_name  text NOT NULL,
    row_id      bigint NOT NULL,
    action      text NOT NULL,
    changed_by  text NOT NULL DEFAULT current_user,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    old_row     jsonb,
    new_row     jsonb,
    PRIMARY KEY (id, changed_at)
) PARTITION BY RANGE (changed_at);

DO $$
DECLARE
    m date := date_trunc('month', now())::date;
BEGIN
    FOR i IN 0..11 LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                       'audit_events_' || to_char(m + make_interval(months => i), 'YYYY_MM'),
                       m + make_interval(months => i),
                       m + make_interval(months => i + 1));
    END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_events (table_name, row_id, action, old_row, new_row)
    VALUES (TG_TABLE_NAME,
            CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END,
            TG_OP,
            CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END,
            CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END);
    RETURN NULL;
END;
$$;

ALTER TABLE audit_log RENAME TO audit_log_archive;

COMMIT;
