-- Store each line's amount instead of recomputing it in every report (2020-07).
ALTER TABLE invoice_lines ADD COLUMN amount_cents integer;

UPDATE invoice_lines
   SET amount_cents = round(quantity * unit_price_cents)::integer
 WHERE amount_cents IS NULL;
