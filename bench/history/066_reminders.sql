BEGIN;

CREATE TABLE reminder_rules (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    days_after   smallint NOT NULL CHECK (days_after BETWEEN 1 AND 365),
    template     text NOT NULL,
    enabled      boolean NOT NULL DEFAULT true
);
CREATE INDEX reminder_rules_account_id_idx ON reminder_rules (account_id);

CREATE TABLE reminders_sent (
    invoice_id  bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    rule_id     bigint NOT NULL REFERENCES reminder_rules (id) ON DELETE CASCADE,
    sent_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (invoice_id, rule_id)
);

COMMIT;
