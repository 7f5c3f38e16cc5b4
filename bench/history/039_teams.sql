-- Teams and roles replace the single admin per account (2021-05).
BEGIN;

CREATE TABLE roles (
    id    smallserial PRIMARY KEY,
    name  text NOT NULL UNIQUE
);
INSERT INTO roles (name) VALUES ('owner'), ('admin'), ('accountant'), ('viewer');

CREATE TABLE memberships (
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role_id     smallint NOT NULL REFERENCES roles (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, account_id)
);
CREATE INDEX memberships_account_id_idx ON memberships (account_id);

INSERT INTO memberships (user_id, account_id, role_id)
SELECT u.id, u.account_id, (SELECT id FROM roles WHERE name = 'owner')
  FROM users u;

COMMIT;
