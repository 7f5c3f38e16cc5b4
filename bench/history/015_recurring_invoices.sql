BEGIN;

CREATE TABLE recurring_schedules (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts (id),
    customer_id   bigint NOT NULL REFERENCES customers (id),
    template_id   bigint NOT NULL REFERENCES invoices (id),
    interval_unit text NOT NULL CHECK (interval_unit IN ('week', 'month', 'year')),
    interval_n    smallint NOT NULL DEFAULT 1,
    next_run_on   date NOT NULL,
    active        boolean NOT NULL DEFAULT true
);
CREATE INDEX recurring_schedules_next_run_idx ON recurring_schedules (next_run_on) WHERE active;

ALTER TABLE invoices ADD COLUMN schedule_id bigint REFERENCES recurring_schedules (id);

COMMIT;
