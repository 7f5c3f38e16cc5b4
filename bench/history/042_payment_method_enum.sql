BEGIN;

CREATE TYPE payment_method AS ENUM ('card', 'bank_transfer', 'cash', 'cheque', 'other');

ALTER TABLE payments ADD COLUMN method_new payment_method;
UPDATE payments SET method_new = CASE method
        WHEN 'card' THEN 'card'::payment_method
        WHEN 'transfer' THEN 'bank_transfer'::payment_method
        WHEN 'bank_transfer' THEN 'bank_transfer'::payment_method
        WHEN 'cash' THEN 'cash'::payment_method
        WHEN 'cheque' THEN 'cheque'::payment_method
        ELSE 'other'::payment_method
    END;

COMMIT;
