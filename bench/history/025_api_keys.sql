BEGIN;

CREATE TABLE api_keys (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts (id),
    prefix       text NOT NULL,
    key_hash     text NOT NULL,
    label        text,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);

COMMIT;
