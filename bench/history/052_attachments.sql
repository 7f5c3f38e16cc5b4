CREATE TABLE attachments (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL,
    invoice_id    bigint,
    storage_key   text NOT NULL,
    filename      text NOT NULL,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL,
    uploaded_by   bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE attachments ADD CONSTRAINT attachments_account_fk
    FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;
ALTER TABLE attachments ADD CONSTRAINT attachments_invoice_fk
    FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE SET NULL NOT VALID;
ALTER TABLE attachments VALIDATE CONSTRAINT attachments_account_fk;
ALTER TABLE attachments VALIDATE CONSTRAINT attachments_invoice_fk;
