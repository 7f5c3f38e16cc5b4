-- Per-account settings that kept growing as columns (2025-02): one jsonb instead.
ALTER TABLE accounts ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;
UPDATE accounts
   SET settings = jsonb_build_object('currency', currency, 'plan', plan)
 WHERE settings = '{}'::jsonb;
