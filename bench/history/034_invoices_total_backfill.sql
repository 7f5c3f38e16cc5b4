DO $$
DECLARE
    batch_start bigint := 0;
    max_id      bigint;
BEGIN
    SELECT coalesce(max(id), 0) INTO max_id FROM invoices;
    WHILE batch_start <= max_id LOOP
        UPDATE invoices
           SET total_cents_new = total_cents
         WHERE id > batch_start AND id <= batch_start + 10000
           AND total_cents_new IS NULL;
        batch_start := batch_start + 10000;
        COMMIT;
    END LOOP;
END;
$$;
