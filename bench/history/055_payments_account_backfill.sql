DO $$
DECLARE
    rows_done integer;
BEGIN
    LOOP
        UPDATE payments p
           SET account_id = i.account_id
          FROM invoices i
         WHERE i.id = p.invoice_id
           AND p.id IN (SELECT id FROM payments WHERE account_id IS NULL LIMIT 5000);
        GET DIAGNOSTICS rows_done = ROW_COUNT;
        EXIT WHEN rows_done = 0;
        COMMIT;
        PERFORM pg_sleep(0.05);
    END LOOP;
END;
$$;
