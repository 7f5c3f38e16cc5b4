-- The overdue reminders job scans by due date.
CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_overdue_idx
    ON invoices (due_on)
    WHERE status = 'sent';
