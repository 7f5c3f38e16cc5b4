-- Default VAT rates for accounts created before tax rates existed.
INSERT INTO tax_rates (account_id, name, percent)
SELECT a.id, 'Standard VAT', 20.00
  FROM accounts a
 WHERE NOT EXISTS (SELECT 1 FROM tax_rates t WHERE t.account_id = a.id);
