CREATE INDEX CONCURRENTLY audit_log_table_row_idx ON audit_log (table_name, row_id);
