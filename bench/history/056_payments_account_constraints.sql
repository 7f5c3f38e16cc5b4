SET lock_timeout = '2s';

ALTER TABLE payments ADD CONSTRAINT payments_account_id_not_null CHECK (account_id IS NOT NULL) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_account_id_not_null;
ALTER TABLE payments ALTER COLUMN account_id SET NOT NULL;
ALTER TABLE payments DROP CONSTRAINT payments_account_id_not_null;

ALTER TABLE payments ADD CONSTRAINT payments_account_fk
    FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_account_fk;

RESET lock_timeout;
