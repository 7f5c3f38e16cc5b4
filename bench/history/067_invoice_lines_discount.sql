ALTER TABLE invoice_lines ADD COLUMN discount_percent numeric(5, 2) NOT NULL DEFAULT 0;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_discount_range
    CHECK (discount_percent >= 0 AND discount_percent <= 100) NOT VALID;
ALTER TABLE invoice_lines VALIDATE CONSTRAINT invoice_lines_discount_range;
