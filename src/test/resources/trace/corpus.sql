-- Trace corpus: every statement runs on its own against base-schema.sql + base-data.sql.
-- Its expected locks, rewrites and scans are not written here: TraceCorpusIT reads them from
-- PostgreSQL (pg_locks, relfilenode, seq_scan) and requires the static analysis to agree.
-- Directives in the comment before a statement:
--   "outside: UNDO-SQL"  cannot run in a transaction block; traced from other sessions, then undone
--   "since: N"           needs PostgreSQL N or later
--   "search_path: LIST"  runs under SET LOCAL search_path TO LIST (the analysis reads SET search_path first)
--   "first: SQL"         SQL of the same migration runs first, in the statement's transaction (repeatable)

-- ADD COLUMN
ALTER TABLE articles_article ADD COLUMN summary varchar(300);
ALTER TABLE articles_article ADD COLUMN summary varchar(300) NULL;
ALTER TABLE articles_article ADD COLUMN summary text NOT NULL DEFAULT '';
ALTER TABLE articles_article ADD COLUMN reviewed boolean NOT NULL DEFAULT false;
ALTER TABLE articles_article ADD COLUMN indexed_at timestamptz DEFAULT now();
ALTER TABLE articles_article ADD COLUMN shuffle double precision DEFAULT random();
ALTER TABLE articles_article ADD COLUMN token uuid DEFAULT gen_random_uuid();
ALTER TABLE articles_article ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE articles_article ADD COLUMN seq serial;
ALTER TABLE articles_article ADD COLUMN seq bigserial;
ALTER TABLE articles_article ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE articles_article ADD COLUMN title_length integer GENERATED ALWAYS AS (length(title)) STORED;
ALTER TABLE articles_article ADD COLUMN rating integer CHECK (rating > 0);
ALTER TABLE articles_article ADD COLUMN code text UNIQUE;
ALTER TABLE articles_article ADD COLUMN editor_id bigint REFERENCES users (id);
ALTER TABLE articles_article ADD COLUMN editor_id bigint REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE articles_article ADD COLUMN meta2 json;
ALTER TABLE articles_article ADD COLUMN tags jsonb NOT NULL DEFAULT '[]';
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS title varchar(200);
ALTER TABLE articles_article ADD COLUMN a integer, ADD COLUMN b text DEFAULT 'x';
ALTER TABLE articles_article ADD COLUMN rank positive_int;
ALTER TABLE "articles_article" ADD COLUMN "Mixed Case" integer;
ALTER TABLE public.articles_article ADD COLUMN qualified integer;
ALTER TABLE events ADD COLUMN source text;
ALTER TABLE notes ADD COLUMN author text;
ALTER TABLE task_export_job ADD COLUMN expires_at timestamptz;
-- since: 18
ALTER TABLE articles_article ADD COLUMN title_upper text GENERATED ALWAYS AS (upper(title)) VIRTUAL;

-- DROP COLUMN
ALTER TABLE articles_article DROP COLUMN meta;
ALTER TABLE articles_article DROP COLUMN IF EXISTS no_such_column;
ALTER TABLE users DROP COLUMN name CASCADE;
ALTER TABLE events DROP COLUMN kind;

-- ALTER COLUMN TYPE
ALTER TABLE articles_article ALTER COLUMN title TYPE varchar(300);
ALTER TABLE articles_article ALTER COLUMN title TYPE text;
ALTER TABLE articles_article ALTER COLUMN title TYPE varchar(100);
ALTER TABLE articles_article ALTER COLUMN slug TYPE text;
ALTER TABLE articles_article ALTER COLUMN slug TYPE varchar(80);
ALTER TABLE articles_article ALTER COLUMN views TYPE bigint;
ALTER TABLE articles_article ALTER COLUMN views TYPE bigint USING views::bigint;
ALTER TABLE articles_article ALTER COLUMN price TYPE numeric(12, 2);
ALTER TABLE articles_article ALTER COLUMN price TYPE numeric(12, 4);
ALTER TABLE articles_article ALTER COLUMN price TYPE numeric;
ALTER TABLE articles_article ALTER COLUMN body TYPE varchar(5000);
ALTER TABLE articles_article ALTER COLUMN meta TYPE jsonb USING meta::jsonb;
ALTER TABLE articles_article ALTER COLUMN status TYPE varchar(1);
ALTER TABLE articles_article ALTER COLUMN created TYPE timestamp(3);
ALTER TABLE users ALTER COLUMN email TYPE text;
ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz;
ALTER TABLE task_export_job ALTER COLUMN status TYPE varchar(20);
ALTER TABLE events ALTER COLUMN amount TYPE bigint;
ALTER TABLE comments ALTER COLUMN article_id TYPE integer;
-- type changes as PostgreSQL decides them (binary-coercible casts, relabelling USING, domains, collations)
ALTER TABLE users ALTER COLUMN email TYPE varchar(300);
ALTER TABLE users ALTER COLUMN email TYPE varchar(254) USING email::varchar(254);
ALTER TABLE users ALTER COLUMN email TYPE varchar(100);
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
ALTER TABLE users ALTER COLUMN name TYPE varchar;
ALTER TABLE users ALTER COLUMN score TYPE integer;
ALTER TABLE articles_article ALTER COLUMN views TYPE positive_int;
ALTER TABLE users ALTER COLUMN legacy_id TYPE integer;
ALTER TABLE users ALTER COLUMN legacy_id TYPE numeric;
-- no rewrite, but an index with an expression or a WHERE condition on the column is built again
-- (PostgreSQL does not assess expressions or predicates when it decides to keep an index)
ALTER TABLE profiles ALTER COLUMN handle TYPE varchar(100);
ALTER TABLE profiles ALTER COLUMN deleted_at TYPE timestamptz;
ALTER TABLE profiles ALTER COLUMN bio TYPE varchar(400);
ALTER TABLE articles_article ALTER COLUMN body TYPE text COLLATE "C";
ALTER TABLE articles_article ALTER COLUMN slug TYPE varchar(50) COLLATE "C";
ALTER TABLE articles_article ALTER COLUMN title TYPE varchar(250);
ALTER TABLE articles_article ALTER COLUMN status TYPE char(2);
ALTER TABLE articles_article ALTER COLUMN status TYPE text;
ALTER TABLE articles_article ALTER COLUMN status TYPE varchar(10);
ALTER TABLE articles_article ALTER COLUMN price TYPE numeric(10, 2);
ALTER TABLE articles_article ALTER COLUMN price TYPE numeric(8, 2);
ALTER TABLE articles_article ALTER COLUMN kind TYPE text;
ALTER TABLE articles_article ALTER COLUMN views TYPE smallint;
ALTER TABLE articles_article ALTER COLUMN created TYPE timestamp(6);
ALTER TABLE articles_article ALTER COLUMN published_at TYPE timestamptz(3);
ALTER TABLE task_export_job ALTER COLUMN payload TYPE json;
ALTER TABLE task_export_job ALTER COLUMN status TYPE text;
ALTER TABLE article_tags ALTER COLUMN tag_id TYPE bigint;
ALTER TABLE tags ALTER COLUMN id TYPE bigint;
-- a foreign key removed, explicitly or not: the referenced table is locked too
ALTER TABLE comments DROP COLUMN article_id;
ALTER TABLE comments DROP COLUMN user_id;
ALTER TABLE comments DROP CONSTRAINT IF EXISTS comments_article_fk;
ALTER TABLE comments ALTER COLUMN user_id TYPE integer;
ALTER TABLE comments RENAME COLUMN article_id TO post_id;
ALTER TABLE comments ADD COLUMN reviewer_id bigint, ADD CONSTRAINT comments_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);
ALTER TABLE comments VALIDATE CONSTRAINT comments_user_fk;

-- DEFAULT and NOT NULL
ALTER TABLE articles_article ALTER COLUMN views SET DEFAULT 1;
ALTER TABLE articles_article ALTER COLUMN views DROP DEFAULT;
ALTER TABLE articles_article ALTER COLUMN price SET NOT NULL;
ALTER TABLE articles_article ALTER COLUMN title SET NOT NULL;
ALTER TABLE articles_article ALTER COLUMN body SET NOT NULL;
ALTER TABLE articles_article ALTER COLUMN body DROP NOT NULL;
ALTER TABLE events ALTER COLUMN kind SET NOT NULL;
ALTER TABLE task_export_job ALTER COLUMN owner_id SET NOT NULL;
-- a CHECK lets a row in when its condition is NULL: only a top-level "col IS NOT NULL" (ANDed with
-- anything) proves the column on 12+; amount > 0, kind IN (...) and note IS NULL OR ... do not
ALTER TABLE checked_notes ALTER COLUMN amount SET NOT NULL;
ALTER TABLE checked_notes ALTER COLUMN kind SET NOT NULL;
ALTER TABLE checked_notes ALTER COLUMN note SET NOT NULL;
ALTER TABLE checked_notes ALTER COLUMN label SET NOT NULL;

-- constraints
ALTER TABLE articles_article ADD CONSTRAINT articles_price_positive CHECK (price >= 0);
ALTER TABLE articles_article ADD CONSTRAINT articles_price_positive CHECK (price >= 0) NOT VALID;
ALTER TABLE articles_article ADD CONSTRAINT articles_summary_nn CHECK (body IS NOT NULL) NOT VALID;
ALTER TABLE articles_article VALIDATE CONSTRAINT articles_views_nonneg;
ALTER TABLE articles_article DROP CONSTRAINT articles_views_nonneg;
ALTER TABLE articles_article DROP CONSTRAINT articles_title_not_null;
ALTER TABLE comments ADD CONSTRAINT comments_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE comments ADD CONSTRAINT comments_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE comments VALIDATE CONSTRAINT comments_user_fk;
ALTER TABLE comments DROP CONSTRAINT comments_user_fk;
ALTER TABLE comments DROP CONSTRAINT comments_article_fk;
ALTER TABLE task_export_job ADD CONSTRAINT task_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE NOT VALID;
-- validating a foreign key joins the referenced table to the table's rows: a table the migration just
-- created holds none, so the referenced table is not read; once rows are inserted into it, it is
-- given: CREATE TABLE drafts (id bigint PRIMARY KEY, author_id bigint)
ALTER TABLE drafts ADD CONSTRAINT drafts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
-- given: CREATE TABLE drafts (id bigint PRIMARY KEY, author_id bigint); ALTER TABLE drafts ADD CONSTRAINT drafts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID
ALTER TABLE drafts VALIDATE CONSTRAINT drafts_author_fk;
-- given: CREATE TABLE drafts (id bigint PRIMARY KEY, author_id bigint); INSERT INTO drafts VALUES (1, 1)
ALTER TABLE drafts ADD CONSTRAINT drafts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
ALTER TABLE tags ADD CONSTRAINT tags_name_key UNIQUE (name);
ALTER TABLE articles_article ADD CONSTRAINT articles_slug_title_key UNIQUE USING INDEX articles_slug_title_uniq;
ALTER TABLE article_tags ADD CONSTRAINT article_tags_pkey PRIMARY KEY USING INDEX article_tags_uniq;
ALTER TABLE article_tags ADD PRIMARY KEY (article_id, tag_id);
ALTER TABLE tags ADD CONSTRAINT tags_name_excl EXCLUDE USING btree (name WITH =);
ALTER TABLE comments ALTER CONSTRAINT comments_article_fk DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE articles_article RENAME CONSTRAINT articles_views_nonneg TO articles_views_check;
ALTER TABLE events ADD CONSTRAINT events_amount_check CHECK (amount > 0);
-- since: 18
ALTER TABLE task_export_job ADD CONSTRAINT task_owner_nn NOT NULL owner_id NOT VALID;

-- several sub-commands: the strongest lock wins
ALTER TABLE articles_article ADD COLUMN c1 integer, VALIDATE CONSTRAINT articles_views_nonneg;
ALTER TABLE articles_article SET (fillfactor = 80), ALTER COLUMN body SET STATISTICS 500;
ALTER TABLE articles_article ALTER COLUMN price SET NOT NULL, ADD CONSTRAINT c2 CHECK (price < 1000) NOT VALID;

-- renames and schema moves
ALTER TABLE articles_article RENAME COLUMN title TO headline;
ALTER TABLE articles_article RENAME TO articles;
ALTER TABLE IF EXISTS no_such_table RENAME TO something;
ALTER TABLE tags SET SCHEMA archive;
ALTER INDEX articles_article_author_id_idx RENAME TO articles_author_idx;
ALTER VIEW article_summaries RENAME TO article_digest;
ALTER MATERIALIZED VIEW author_stats RENAME TO author_counts;
ALTER TABLE archive.old_orders RENAME COLUMN total TO amount;

-- partitions
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
-- a validated CHECK matching the bound (on a NOT NULL key) spares the partition's scan, a
-- NOT (bound) CHECK the default partition's; an unrelated CHECK spares nothing
ALTER TABLE ledger ATTACH PARTITION ledger_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
ALTER TABLE ledger ATTACH PARTITION ledger_2028 FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');
ALTER TABLE metrics ATTACH PARTITION metrics_d FOR VALUES IN ('d');
ALTER TABLE events DETACH PARTITION events_2025;
ALTER TABLE events DETACH PARTITION events_default;
-- since: 14
-- outside: ALTER TABLE metrics ATTACH PARTITION metrics_b FOR VALUES IN ('b')
ALTER TABLE metrics DETACH PARTITION metrics_b CONCURRENTLY;
CREATE TABLE events_2028 PARTITION OF events FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');
CREATE TABLE metrics_c PARTITION OF metrics FOR VALUES IN ('c');
CREATE TABLE metrics_other PARTITION OF metrics DEFAULT;

-- storage, statistics and other options
ALTER TABLE articles_article SET (fillfactor = 70);
ALTER TABLE articles_article SET (autovacuum_vacuum_scale_factor = 0.01);
ALTER TABLE articles_article RESET (fillfactor);
ALTER TABLE articles_article SET (user_catalog_table = true);
ALTER TABLE articles_article ALTER COLUMN body SET STATISTICS 1000;
ALTER TABLE articles_article ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE articles_article ALTER COLUMN body SET (n_distinct = 100);
ALTER TABLE articles_article CLUSTER ON articles_article_pkey;
ALTER TABLE articles_article SET WITHOUT CLUSTER;
ALTER TABLE tags SET UNLOGGED;
ALTER TABLE task_export_job SET UNLOGGED;
ALTER TABLE articles_article DISABLE TRIGGER articles_touch;
ALTER TABLE articles_article ENABLE TRIGGER ALL;
ALTER TABLE articles_article ENABLE ROW LEVEL SECURITY;
ALTER TABLE articles_article FORCE ROW LEVEL SECURITY;
ALTER TABLE articles_article REPLICA IDENTITY FULL;
ALTER TABLE articles_article OWNER TO CURRENT_USER;
ALTER TABLE notes_archive NO INHERIT notes;
ALTER TABLE notes_extra INHERIT notes;
ALTER TABLE users ALTER COLUMN id DROP IDENTITY;
ALTER TABLE users ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE users ALTER COLUMN id RESTART WITH 100000;
ALTER TABLE users ALTER COLUMN legacy_id DROP DEFAULT, ALTER COLUMN legacy_id ADD GENERATED BY DEFAULT AS IDENTITY;
-- since: 13
ALTER TABLE tags ALTER COLUMN name_len DROP EXPRESSION;
-- since: 17
ALTER TABLE tags ALTER COLUMN name_len SET EXPRESSION AS (length(name) + 1);
ALTER TABLE ONLY notes SET (fillfactor = 90);

-- indexes
CREATE INDEX articles_title_idx ON articles_article (title);
CREATE UNIQUE INDEX articles_title_uniq ON articles_article (title, id);
CREATE INDEX articles_published_idx ON articles_article (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX articles_lower_title_idx ON articles_article (lower(title));
CREATE INDEX IF NOT EXISTS articles_article_author_id_idx ON articles_article (author_id);
CREATE INDEX ON comments (user_id);
CREATE INDEX task_payload_idx ON task_export_job USING gin (payload);
CREATE INDEX articles_cover_idx ON articles_article (author_id) INCLUDE (title);
CREATE INDEX events_created_idx ON events (created_at);
CREATE INDEX events_kind_idx ON ONLY events (kind);
-- outside: DROP INDEX articles_slug_ci_idx
CREATE INDEX CONCURRENTLY articles_slug_ci_idx ON articles_article (lower(slug));
-- outside: DROP INDEX comments_user_id_idx
CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_user_id_idx ON comments (user_id);
DROP INDEX articles_article_author_id_idx;
DROP INDEX IF EXISTS no_such_index;
-- outside: CREATE INDEX articles_article_author_id_idx ON articles_article (author_id)
DROP INDEX CONCURRENTLY articles_article_author_id_idx;
REINDEX INDEX articles_article_slug_key;
REINDEX TABLE comments;
-- outside: SELECT 1
REINDEX INDEX CONCURRENTLY articles_article_slug_key;
-- outside: SELECT 1
REINDEX TABLE CONCURRENTLY tags;

-- tables
CREATE TABLE reviews (id bigint PRIMARY KEY, body text);
CREATE TABLE reviews (id bigint PRIMARY KEY, article_id bigint REFERENCES articles_article (id), user_id bigint REFERENCES users (id));
CREATE TABLE IF NOT EXISTS users (id bigint);
CREATE TABLE notes_2026 (extra text) INHERITS (notes);
CREATE TABLE users_copy (LIKE users INCLUDING ALL);
CREATE TABLE article_titles AS SELECT id, title FROM articles_article;
CREATE TABLE recent_titles AS SELECT id, title FROM articles_article WHERE id < 100;
CREATE UNLOGGED TABLE scratch (id int);
DROP TABLE article_tags;
DROP TABLE comments;
DROP TABLE IF EXISTS no_such_table;
DROP TABLE metrics;
DROP TABLE users CASCADE;
DROP TABLE notes CASCADE;

-- views and materialized views
CREATE VIEW published_articles AS SELECT id, title FROM articles_article WHERE published_at IS NOT NULL;
CREATE OR REPLACE VIEW article_summaries AS SELECT a.id, a.author_id, u.is_staff, a.title FROM articles_article a JOIN users u ON u.id = a.author_id;
CREATE VIEW comment_counts AS SELECT article_id, count(*) FROM comments GROUP BY article_id;
CREATE MATERIALIZED VIEW title_index AS SELECT id, lower(title) AS t FROM articles_article;
CREATE MATERIALIZED VIEW empty_stats AS SELECT author_id FROM articles_article WITH NO DATA;
REFRESH MATERIALIZED VIEW author_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY author_stats;
REFRESH MATERIALIZED VIEW author_stats WITH NO DATA;
DROP VIEW article_summaries;
DROP MATERIALIZED VIEW author_stats;
SELECT count(*) FROM article_summaries;

-- triggers, rules, policies, statistics
CREATE TRIGGER comments_touch BEFORE UPDATE ON comments FOR EACH ROW EXECUTE FUNCTION touch_updated();
-- since: 14
CREATE OR REPLACE TRIGGER articles_touch BEFORE UPDATE ON articles_article FOR EACH ROW EXECUTE FUNCTION touch_updated();
DROP TRIGGER articles_touch ON articles_article;
ALTER TRIGGER articles_touch ON articles_article RENAME TO articles_touch2;
CREATE POLICY own_articles ON articles_article USING (author_id = 1);
-- a policy's USING and WITH CHECK expressions are parsed when it is created: the tables their
-- subqueries name are locked ACCESS SHARE
CREATE POLICY comments_by_staff ON comments FOR SELECT USING (user_id IN (SELECT id FROM users WHERE is_staff));
CREATE POLICY tagged_articles ON articles_article AS PERMISSIVE FOR UPDATE TO PUBLIC USING (true) WITH CHECK (EXISTS (SELECT 1 FROM tags t WHERE t.name = slug));
CREATE RULE notes_no_delete AS ON DELETE TO notes DO INSTEAD NOTHING;
CREATE STATISTICS articles_stats (dependencies) ON author_id, views FROM articles_article;

-- types, domains, extensions, functions
CREATE TYPE mood AS ENUM ('happy', 'sad');
ALTER TYPE article_status ADD VALUE 'archived';
ALTER TYPE article_status ADD VALUE IF NOT EXISTS 'review' BEFORE 'published';
CREATE DOMAIN short_text AS varchar(20) CHECK (length(VALUE) > 0);
ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0);
ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0) NOT VALID;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT i + 1';
CREATE SCHEMA reporting;
DROP SCHEMA archive CASCADE;

-- truncate, cluster, vacuum, analyze
TRUNCATE article_tags;
TRUNCATE TABLE comments, task_export_job;
TRUNCATE articles_article CASCADE;
TRUNCATE events;
CLUSTER articles_article USING articles_article_pkey;
CLUSTER comments USING comments_pkey;
-- outside: SELECT 1
VACUUM FULL comments;
-- outside: SELECT 1
VACUUM comments;
-- outside: SELECT 1
VACUUM (ANALYZE) tags;
ANALYZE comments;
ANALYZE articles_article (title);

-- explicit locks
LOCK TABLE articles_article;
LOCK TABLE articles_article IN SHARE MODE;
LOCK TABLE articles_article IN ROW EXCLUSIVE MODE;
LOCK TABLE comments, users IN SHARE ROW EXCLUSIVE MODE NOWAIT;
LOCK TABLE article_summaries IN ACCESS SHARE MODE;
LOCK TABLE events IN EXCLUSIVE MODE;
LOCK TABLE ONLY notes IN SHARE UPDATE EXCLUSIVE MODE;

-- comments and grants
COMMENT ON TABLE articles_article IS 'Blog articles';
COMMENT ON COLUMN articles_article.title IS 'The headline';
COMMENT ON INDEX articles_article_slug_key IS 'Unique slug';
COMMENT ON CONSTRAINT articles_views_nonneg ON articles_article IS 'no negative views';
COMMENT ON VIEW article_summaries IS 'Summaries';
GRANT SELECT ON articles_article TO PUBLIC;
GRANT SELECT, INSERT ON TABLE comments, users TO PUBLIC;
REVOKE ALL ON articles_article FROM PUBLIC;

-- sequences
CREATE SEQUENCE article_numbers OWNED BY articles_article.id;
ALTER SEQUENCE invoice_numbers RESTART WITH 1000;
ALTER SEQUENCE invoice_numbers OWNED BY comments.id;
SELECT nextval('invoice_numbers');
SELECT setval('invoice_numbers', 42);

-- data changes
UPDATE articles_article SET views = views + 1;
UPDATE articles_article SET title = left(body, 100) WHERE id BETWEEN 1 AND 1000;
UPDATE articles_article SET title = left(body, 100) WHERE id = 5;
UPDATE articles_article SET views = 0 WHERE price IS NULL;
UPDATE comments SET user_id = 2 WHERE id = 10;
UPDATE comments SET body = 'edited' WHERE id = 10;
UPDATE articles_article a SET views = 1 FROM users u WHERE u.id = a.author_id AND u.id = 3;
UPDATE articles_article SET views = 2 WHERE author_id IN (SELECT id FROM users WHERE is_staff);
UPDATE task_export_job SET finished_at = created_at + interval '7 days' WHERE status = 'done' AND finished_at IS NULL;
UPDATE events SET amount = 0 WHERE id = 4;
UPDATE users SET id = 999999 WHERE id = 4999;
DELETE FROM comments WHERE id < 100;
DELETE FROM comments;
DELETE FROM articles_article WHERE id = 5;
DELETE FROM users WHERE id = 4999;
DELETE FROM comments c USING users u WHERE c.user_id = u.id AND u.id = 7;
INSERT INTO articles_article (author_id, title, body, slug) VALUES (1, 't', 'b', 'new-slug');
INSERT INTO tags (name) VALUES ('x');
INSERT INTO article_tags (article_id, tag_id) SELECT id, 1 FROM articles_article WHERE id <= 10 ON CONFLICT DO NOTHING;
INSERT INTO notes_archive SELECT id, body, now() FROM notes;
INSERT INTO comments (id, article_id, user_id, body) VALUES (100001, 1, 1, 'hi');
WITH moved AS (DELETE FROM notes_archive WHERE id < 10 RETURNING id, body) INSERT INTO notes SELECT id, body FROM moved;
INSERT INTO notes_extra SELECT id, body FROM notes;
INSERT INTO notes_extra (id, body) SELECT c.id, c.body FROM comments c JOIN articles_article a ON a.id = c.article_id WHERE a.views > 10;
INSERT INTO article_tags (article_id, tag_id) SELECT a.id, t.id FROM articles_article a CROSS JOIN tags t WHERE a.id < 5;
UPDATE comments SET body = 'x' WHERE article_id IN (SELECT id FROM articles_article WHERE views > 100);
UPDATE comments c SET body = a.title FROM articles_article a WHERE a.id = c.article_id;
DELETE FROM comments WHERE user_id IN (SELECT id FROM users WHERE is_staff);
DELETE FROM notes WHERE NOT EXISTS (SELECT 1 FROM notes_extra e WHERE e.id = notes.id);
-- since: 15
MERGE INTO tags t USING (SELECT 'tag1' AS name) s ON t.name = s.name WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED THEN INSERT (name) VALUES (s.name);

-- queries
SELECT count(*) FROM articles_article;
SELECT * FROM articles_article WHERE id = 1;
SELECT * FROM articles_article WHERE id = 1 FOR UPDATE;
SELECT a.title, u.email FROM articles_article a JOIN users u ON u.id = a.author_id WHERE a.id = 10;
SELECT count(*) FROM events;
SELECT * FROM notes;
SELECT * FROM ONLY notes;
WITH recent AS (SELECT id FROM comments WHERE id < 10) SELECT count(*) FROM recent;
SELECT 1;
SELECT set_config('lock_timeout', '2s', false);
EXPLAIN SELECT * FROM comments;
EXPLAIN UPDATE comments SET body = 'x';
EXPLAIN ANALYZE SELECT count(*) FROM comments;
SET lock_timeout = '2s';
SET LOCAL statement_timeout = '5min';

-- a LANGUAGE sql body is parsed and analysed when the function is created (check_function_bodies): the
-- tables it names are locked then, as EXPLAIN locks them; a polymorphic argument defers that to the call,
-- and a PL/pgSQL body is only checked for syntax
CREATE FUNCTION bump_views(p_id bigint) RETURNS void LANGUAGE sql AS $$ UPDATE articles_article SET views = views + 1 WHERE id = p_id $$;
CREATE FUNCTION comment_count(p_article bigint) RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM comments c JOIN users u ON u.id = c.user_id WHERE c.article_id = p_article AND u.name <> ''x''';
CREATE FUNCTION first_tag(anyelement) RETURNS text LANGUAGE sql AS $$ SELECT name FROM tags LIMIT 1 $$;
CREATE FUNCTION tag_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM tags); END $$;
CREATE FUNCTION staff_summaries() RETURNS SETOF article_summaries LANGUAGE sql AS $$ SELECT * FROM article_summaries WHERE is_staff FOR UPDATE $$;

-- an index on an inheritance parent (not partitioned) is built on the parent only
CREATE INDEX notes_body_plain_idx ON notes (body);

-- DO blocks: the block's statements run as one unit, their locks held together until it ends
DO $$
BEGIN
    ALTER TABLE articles_article ADD COLUMN summary text;
    CREATE INDEX articles_article_summary_idx ON articles_article (summary);
END
$$;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nick') THEN
        ALTER TABLE users ADD COLUMN nick text;
    END IF;
END
$$;
DO $$ BEGIN EXECUTE 'ALTER TABLE events ADD COLUMN origin text'; END $$;
DO $$ BEGIN EXECUTE $q$CREATE INDEX notes_body_idx ON notes (body)$q$; PERFORM count(*) FROM tags; END $$;
DO $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM comments;
    UPDATE articles_article SET views = views + 1 WHERE id = 1;
    IF n >= 0 THEN
        ALTER TABLE articles_article ADD COLUMN reviewed boolean;
    END IF;
END
$$;
DO 'BEGIN LOCK TABLE tags IN SHARE MODE; END';

-- Names resolved through the search_path: unqualified, they are the objects the path finds first (app.users shadows users)
-- search_path: app, public
ALTER TABLE users ADD COLUMN nickname text;
-- search_path: app, public
ALTER TABLE users ADD COLUMN credits integer NOT NULL DEFAULT 0;
-- search_path: app, public
ALTER TABLE users ALTER COLUMN handle TYPE varchar(50);
-- search_path: app, public
ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE (handle);
-- search_path: app, public
CREATE INDEX users_handle_idx ON users (handle);
-- search_path: app, public
ALTER TABLE ledger ADD CONSTRAINT ledger_amount_positive CHECK (amount > 0);
-- search_path: app, public
ALTER TABLE ledger ADD CONSTRAINT ledger_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id);
-- search_path: app, public
ALTER TABLE ledger ALTER COLUMN memo TYPE varchar(200);
-- search_path: app, public
ALTER TABLE ledger ALTER COLUMN amount TYPE cents;
-- search_path: app, public
ALTER TABLE ledger ADD COLUMN feeling mood DEFAULT 'calm';
-- search_path: app, public
UPDATE ledger SET memo = 'x' WHERE id = 5;
-- search_path: app, public
UPDATE users SET handle = handle || '!' WHERE id = 7;
-- search_path: app, public
INSERT INTO ledger (id, user_id, amount) SELECT id + 10000, id, 0 FROM users;
-- search_path: app, public
DROP INDEX ledger_user_id_idx;
-- search_path: app, public
ALTER INDEX ledger_user_id_idx RENAME TO ledger_user_idx;
-- search_path: app, public
TRUNCATE ledger;
-- search_path: app, public
LOCK TABLE users IN SHARE MODE;
-- search_path: app, public
CREATE TABLE users_copy AS SELECT * FROM users;
-- search_path: app, public
CREATE TABLE articles_article (id bigint PRIMARY KEY, owner_id bigint REFERENCES users (id));
-- search_path: app, public
COMMENT ON COLUMN ledger.memo IS 'free text';
-- search_path: app
ALTER TABLE ledger ADD COLUMN note text;
-- search_path: app
CREATE TABLE audit (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
-- search_path: public, app
ALTER TABLE users ADD COLUMN nickname text;
-- search_path: public, app
ALTER TABLE ledger ADD COLUMN note text;
-- search_path: "$user", public
ALTER TABLE users ADD COLUMN nickname text;
-- search_path: archive
ALTER TABLE old_orders ADD COLUMN shipped boolean DEFAULT false;
-- search_path: archive, public
ALTER TABLE users ADD COLUMN archived boolean;

-- IF EXISTS / IF NOT EXISTS decided against the catalog: a statement that does nothing takes no lock
-- on the tables it would have touched; one that still runs locks what it reaches
CREATE TABLE IF NOT EXISTS comments (id bigint, article_id bigint REFERENCES articles_article (id));
CREATE TABLE IF NOT EXISTS new_things (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email);
CREATE INDEX IF NOT EXISTS articles_article_author_id_idx ON articles_article (title);
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS author_id bigint REFERENCES users (id);
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS views bigint DEFAULT random() * 10;
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS summary text, ADD COLUMN IF NOT EXISTS title text;
ALTER TABLE articles_article DROP CONSTRAINT IF EXISTS no_such_constraint;
ALTER TABLE IF EXISTS tags ADD COLUMN IF NOT EXISTS note text;
DROP INDEX IF EXISTS no_such_index, comments_article_id_idx;
DROP TABLE IF EXISTS no_such_table, notes_extra;
CREATE SEQUENCE IF NOT EXISTS invoice_numbers;
CREATE MATERIALIZED VIEW IF NOT EXISTS author_stats AS SELECT author_id FROM articles_article;
CREATE OR REPLACE VIEW article_summaries AS
    SELECT a.id, a.author_id, u.is_staff FROM articles_article a JOIN users u ON u.id = a.author_id;
-- search_path: app
DROP TABLE IF EXISTS users_copy;
-- search_path: app, public
CREATE TABLE IF NOT EXISTS users (id bigint, ref bigint REFERENCES public.users (id));
-- search_path: app, public
CREATE TABLE IF NOT EXISTS comments (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
-- search_path: archive
CREATE INDEX IF NOT EXISTS old_orders_total_idx ON old_orders (total);
-- search_path: app, public
ALTER TABLE IF EXISTS ledger DROP COLUMN IF EXISTS memo;

-- Statements after others of the same migration ("first:"): what the file did before decides
-- first: CREATE TABLE t_new (id bigint PRIMARY KEY, user_id bigint)
ALTER TABLE t_new ADD CONSTRAINT t_new_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
-- first: CREATE TABLE t_new (id bigint PRIMARY KEY, user_id bigint)
-- first: INSERT INTO t_new VALUES (1, 1)
ALTER TABLE t_new ADD CONSTRAINT t_new_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
-- first: ALTER TABLE comments ADD COLUMN reviewer_id bigint
ALTER TABLE comments ADD CONSTRAINT comments_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);
-- first: ALTER TABLE comments ADD COLUMN reviewer_id bigint DEFAULT 1
ALTER TABLE comments ADD CONSTRAINT comments_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);
-- first: CREATE TABLE t_new (id bigint PRIMARY KEY, body text)
CREATE INDEX t_new_body_idx ON t_new (body);
-- first: CREATE TABLE t_new (id bigint PRIMARY KEY, body text)
ALTER TABLE t_new ALTER COLUMN body SET NOT NULL;
-- first: CREATE TABLE t_new (id bigint PRIMARY KEY, n integer)
ALTER TABLE t_new ALTER COLUMN n TYPE bigint;
-- first: ALTER TABLE tags RENAME TO labels
ALTER TABLE labels ADD COLUMN color text;
-- first: CREATE INDEX comments_body_idx ON comments (body)
DROP INDEX comments_body_idx;
-- first: ALTER TABLE articles_article ADD COLUMN summary text
UPDATE articles_article SET summary = 'x' WHERE id = 3;
-- first: CREATE SCHEMA billing
-- first: SET LOCAL search_path TO billing
CREATE TABLE invoices (id bigint PRIMARY KEY, user_id bigint REFERENCES public.users (id));
-- first: ALTER TABLE comments ADD COLUMN reviewer_id bigint
-- first: INSERT INTO comments (id, article_id, user_id, body, reviewer_id) VALUES (100000, 1, 1, 'x', 1)
ALTER TABLE comments ADD CONSTRAINT comments_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);
-- first: ALTER TABLE comments ADD COLUMN reviewer_id bigint
-- first: ALTER TABLE comments ADD CONSTRAINT comments_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id) NOT VALID
ALTER TABLE comments VALIDATE CONSTRAINT comments_reviewer_fk;

-- DO blocks as real projects write them: guarded by the catalog (information_schema, pg_catalog), with
-- exception handlers, loops, escape-string bodies
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'task_export_job_owner_fk') THEN
        ALTER TABLE task_export_job ADD CONSTRAINT task_export_job_owner_fk
            FOREIGN KEY (owner_id) REFERENCES users (id) NOT VALID;
    END IF;
END
$$;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'notes_extra') THEN
        ALTER TABLE notes_extra RENAME TO notes_more;
    END IF;
END
$$;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'task_export_job_status_idx') THEN
        CREATE INDEX task_export_job_status_idx ON task_export_job (status);
    END IF;
END
$$;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'job_priority') THEN
        CREATE TYPE job_priority AS ENUM ('low', 'high');
    END IF;
    ALTER TABLE task_export_job ADD COLUMN IF NOT EXISTS priority job_priority;
END
$$;
DO $$
BEGIN
    ALTER TABLE comments ADD CONSTRAINT comments_body_not_empty CHECK (body <> '') NOT VALID;
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT id FROM users WHERE id <= 3 LOOP
        UPDATE articles_article SET views = 0 WHERE author_id = r.id;
    END LOOP;
END
$$;
DO $$
DECLARE
    missing bigint;
BEGIN
    SELECT count(*) INTO missing FROM task_export_job WHERE finished_at IS NULL AND status = 'done';
    IF missing > 0 THEN
        ALTER TABLE task_export_job ALTER COLUMN status SET DEFAULT 'running';
    END IF;
END
$$;
DO E'BEGIN\n    UPDATE users SET name = \'renamed\' WHERE id = 1;\n    EXECUTE \'LOCK TABLE metrics_d IN SHARE MODE\';\nEND';
DO $$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'email') > 0 THEN
        ALTER TABLE users ALTER COLUMN email TYPE varchar(300);
    END IF;
END
$$;

-- SQL-standard routine bodies (PostgreSQL 14+): the body is parsed when the routine is created
-- since: 14
CREATE PROCEDURE reset_tag_name() LANGUAGE sql BEGIN ATOMIC UPDATE tags SET name = lower(name) WHERE id = 1; END;
-- since: 14
CREATE FUNCTION tag_count() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM tags);
-- a body locks the partitioned table it names, not its partitions (only planning opens them); a view with its tables
-- since: 14
CREATE PROCEDURE reset_event_amount() LANGUAGE sql BEGIN ATOMIC UPDATE events SET amount = 0 WHERE id = 1; END;
-- since: 14
CREATE FUNCTION staff_article_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM article_summaries WHERE is_staff; END;

-- subqueries: a correlated scalar subquery runs once per outer row, through an index on its predicate
UPDATE articles_article SET views = (SELECT count(*) FROM comments c WHERE c.article_id = articles_article.id);
UPDATE articles_article a SET views = (SELECT count(*) FROM comments c WHERE c.article_id = a.id) WHERE a.id = 3;
UPDATE users SET name = (SELECT max(c.body) FROM comments c WHERE c.user_id = users.id) WHERE id = 5;
SELECT a.id, (SELECT max(c.id) FROM comments c WHERE c.article_id = a.id) FROM articles_article a WHERE a.id < 50;
UPDATE task_export_job SET owner_id = (SELECT min(id) FROM users WHERE email = 'user7@example.com') WHERE owner_id IS NULL;
UPDATE comments SET body = 'x' WHERE article_id IN (SELECT id FROM articles_article WHERE author_id = 7);
DELETE FROM tags t WHERE NOT EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id);
-- a semi-join: the outer rows found by their key, each checked through the index of the inner table
SELECT count(*) FROM users u WHERE u.id < 20 AND EXISTS (SELECT 1 FROM articles_article a WHERE a.author_id = u.id);
SELECT count(*) FROM users u WHERE EXISTS (SELECT 1 FROM comments c WHERE c.user_id = u.id);
DELETE FROM task_export_job WHERE owner_id = (SELECT id FROM users WHERE email = 'user3@example.com');
UPDATE comments c SET body = (SELECT a.title FROM articles_article a WHERE a.id = c.article_id) WHERE c.id <= 100;

-- more DO blocks in the shapes ORMs and teams generate
DO $$
BEGIN
    UPDATE comments c SET body = (SELECT a.title FROM articles_article a WHERE a.id = c.article_id) WHERE c.id <= 10;
END
$$;
DO $$
DECLARE
    author bigint;
BEGIN
    SELECT id INTO author FROM users WHERE email = 'user9@example.com';
    UPDATE articles_article SET views = 0 WHERE author_id = author;
END
$$;
DO $$
BEGIN
    IF to_regclass('public.notes_body_lookup') IS NULL THEN
        CREATE INDEX notes_body_lookup ON notes (body);
    END IF;
END
$$;
DO $$ BEGIN
    CREATE TYPE export_kind AS ENUM ('csv', 'json');
EXCEPTION
    WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
 ALTER TABLE "comments" ADD CONSTRAINT "comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
-- EXISTS / NOT EXISTS become semi- and anti-joins: the inner index serves only when the outer rows are few
UPDATE task_export_job j SET status = 'done' WHERE EXISTS (SELECT 1 FROM articles_article a WHERE a.author_id = j.owner_id);
DELETE FROM users u WHERE u.id > 4990 AND NOT EXISTS (SELECT 1 FROM articles_article a WHERE a.author_id = u.id);
-- first: ALTER TABLE comments ADD COLUMN reviewer_id bigint
-- first: UPDATE comments SET reviewer_id = user_id
ALTER TABLE comments ADD CONSTRAINT comments_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);
-- first: CREATE TABLE import_batch (id bigint, user_id bigint)
INSERT INTO comments (id, article_id, user_id, body) SELECT id, 1, user_id, 'x' FROM import_batch;
-- first: CREATE TABLE import_batch (id bigint, user_id bigint)
-- first: INSERT INTO import_batch VALUES (900001, 1)
INSERT INTO comments (id, article_id, user_id, body) SELECT id, 1, user_id, 'x' FROM import_batch;
-- first: CREATE TABLE staging_a (id bigint PRIMARY KEY, v text)
-- first: CREATE TABLE staging_b (id bigint PRIMARY KEY, v text)
UPDATE staging_a a SET v = b.v FROM staging_b b WHERE b.id = a.id;
-- first: CREATE TABLE staging_a (id bigint PRIMARY KEY, v text)
-- first: CREATE TABLE staging_b (id bigint PRIMARY KEY, v text)
UPDATE staging_a a SET v = (SELECT b.v FROM staging_b b WHERE b.v = a.v LIMIT 1);
-- first: CREATE TABLE staging_a (id bigint PRIMARY KEY, v text)
-- first: CREATE TABLE staging_b (id bigint PRIMARY KEY, v text)
INSERT INTO staging_a SELECT b.id, b.v FROM staging_b b WHERE NOT EXISTS (SELECT 1 FROM staging_a a WHERE a.v = b.v);
