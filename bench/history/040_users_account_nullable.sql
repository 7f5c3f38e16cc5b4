-- Users belong to accounts through memberships now.
ALTER TABLE users ALTER COLUMN account_id DROP NOT NULL;
