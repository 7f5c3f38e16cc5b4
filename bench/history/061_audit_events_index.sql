CREATE INDEX audit_events_row_idx ON audit_events (table_name, row_id);
