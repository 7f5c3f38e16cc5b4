ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';
ALTER TABLE accounts ADD COLUMN trial_ends_at timestamptz;
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_check
    CHECK (plan IN ('free', 'starter', 'business', 'enterprise')) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_plan_check;
