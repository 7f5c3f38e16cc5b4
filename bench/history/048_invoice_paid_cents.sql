ALTER TABLE invoices ADD COLUMN paid_cents bigint NOT NULL DEFAULT 0;

UPDATE invoices i
   SET paid_cents = p.total
  FROM (SELECT invoice_id, sum(amount_cents) AS total FROM payments GROUP BY invoice_id) p
 WHERE p.invoice_id = i.id;
