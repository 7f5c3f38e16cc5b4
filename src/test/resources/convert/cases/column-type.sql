-- Column type changes. A widening (varchar -> text) stays as written; rewriting ones go through a shadow
-- column: NOT NULL, a default (a number; a string on a varchar made shorter), a CHECK, a unique constraint, a foreign key (ON DELETE CASCADE) and indexes over
-- several columns made again on it, a USING conversion. One is kept as written: its foreign key is DEFERRABLE.
-- setup
ALTER TABLE tasks_taskexportjob ADD COLUMN attempts integer NOT NULL DEFAULT 0;
UPDATE tasks_taskexportjob SET attempts = id % 4;
ALTER TABLE tasks_taskexportjob ADD CONSTRAINT tasks_taskexportjob_attempts_positive CHECK (attempts >= 0);
ALTER TABLE tasks_taskexportjob ADD CONSTRAINT tasks_taskexportjob_owner_attempts_key UNIQUE (owner_id, attempts, id);
CREATE INDEX articles_article_status_published_idx ON articles_article (status, published_at);
ALTER TABLE articles_comment ADD COLUMN editor_id bigint REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED;
UPDATE articles_comment SET editor_id = 1 + id % 3 WHERE id % 2 = 0;
-- migration
ALTER TABLE articles_article ALTER COLUMN title TYPE text;
ALTER TABLE tasks_taskexportjob ALTER COLUMN attempts TYPE bigint;
ALTER TABLE articles_article ALTER COLUMN published_at TYPE timestamp USING published_at AT TIME ZONE 'UTC';
ALTER TABLE articles_comment ALTER COLUMN article_id TYPE integer;
ALTER TABLE articles_comment ALTER COLUMN editor_id TYPE integer;
ALTER TABLE tasks_taskexportjob ALTER COLUMN status TYPE varchar(10);
