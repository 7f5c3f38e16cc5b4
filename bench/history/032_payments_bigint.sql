-- amount_cents overflowed for one customer's annual contract (2021-01): widen it. Rewrites payments.
BEGIN;
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';

ALTER TABLE payments ALTER COLUMN amount_cents TYPE bigint;

COMMIT;
