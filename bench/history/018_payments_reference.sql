ALTER TABLE payments ADD COLUMN reference text;
CREATE INDEX payments_reference_idx ON payments (reference);
