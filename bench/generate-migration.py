#!/usr/bin/env python3
"""Writes a migration of N statements mixing the shapes real migrations have (DDL of every
common kind, backfills, Django-style quoting) over 500 tables, as a project's concatenated
migrations would, for the lint benchmark."""
import sys

n = int(sys.argv[1])
shapes = [
    'ALTER TABLE "app_{t}" ADD COLUMN "c{i}" varchar(300) NULL;',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_{i}" ON "app_{t}" ("title", "created_at");',
    "UPDATE app_{t} SET summary = left(body, 300) WHERE id BETWEEN {i} AND {j} AND summary IS NULL;",
    'ALTER TABLE "app_{u}" ADD CONSTRAINT "fk_{i}" FOREIGN KEY ("parent_id") REFERENCES "app_{t}" ("id") NOT VALID;',
    "ALTER TABLE app_{u} VALIDATE CONSTRAINT fk_{k};",
    "CREATE TABLE t_{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());",
    "ALTER TABLE app_{t} ALTER COLUMN c{k} TYPE text;",
    "COMMENT ON COLUMN app_{t}.title IS 'Title; shown in lists -- {i}';",
    "INSERT INTO audit (id, payload) VALUES ({i}, '{{\"k\": {i}}}') ON CONFLICT DO NOTHING;",
    "CREATE OR REPLACE FUNCTION f_{i}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;",
]
out = sys.stdout
for i in range(n):
    t = (i // 10) % 500
    out.write(shapes[i % len(shapes)].format(i=i, j=i + 1000, k=i - 4, t=t, u=(t + 1) % 500) + "\n")
