-- Index builds, a reindex, and removals that move to the contract phase.
-- setup
CREATE TABLE legacy_export (id bigint PRIMARY KEY, payload text);
INSERT INTO legacy_export SELECT g, 'p' || g FROM generate_series(1, 100) g;
-- migration
CREATE INDEX ON articles_article (lower(title));
CREATE UNIQUE INDEX articles_comment_article_body_uniq ON articles_comment (article_id, id) INCLUDE (body);
REINDEX TABLE articles_comment;
DROP INDEX articles_comment_author_id_idx;
ALTER TABLE tasks_taskexportjob DROP COLUMN file_path;
DROP TABLE legacy_export;
