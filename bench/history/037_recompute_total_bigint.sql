CREATE OR REPLACE FUNCTION recompute_invoice_total(p_invoice_id bigint) RETURNS void
    LANGUAGE sql AS $$
    UPDATE invoices
       SET total_cents = coalesce((SELECT sum(amount_cents)::bigint
                                     FROM invoice_lines
                                    WHERE invoice_id = p_invoice_id), 0)
     WHERE id = p_invoice_id;
$$;
