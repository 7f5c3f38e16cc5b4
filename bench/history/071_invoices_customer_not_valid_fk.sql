-- Re-point invoices at customer_contacts for the billing contact (2026-05).
ALTER TABLE invoices ADD COLUMN billing_contact_id bigint;
ALTER TABLE invoices ADD CONSTRAINT invoices_billing_contact_fk
    FOREIGN KEY (billing_contact_id) REFERENCES customer_contacts (id) NOT VALID;
ALTER TABLE invoices VALIDATE CONSTRAINT invoices_billing_contact_fk;
CREATE INDEX CONCURRENTLY invoices_billing_contact_id_idx ON invoices (billing_contact_id);
