-- Full-text search over invoices (number, customer, notes).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX CONCURRENTLY customers_name_trgm_idx ON customers USING gin (name gin_trgm_ops);
CREATE INDEX CONCURRENTLY invoices_notes_trgm_idx ON invoices USING gin (notes gin_trgm_ops);
