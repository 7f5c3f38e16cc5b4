-- A CHECK, a unique constraint without a name, a foreign key whose columns have no index, and a primary key.
-- setup
ALTER TABLE tasks_taskexportjob ADD COLUMN article_id bigint;
UPDATE tasks_taskexportjob SET article_id = 1 + id % 5;
CREATE TABLE audit_entry (entry_id bigint NOT NULL, note text);
INSERT INTO audit_entry SELECT g, 'note ' || g FROM generate_series(1, 300) g;
-- added: tasks_taskexportjob_article_id_idx
-- migration
ALTER TABLE articles_article ADD CONSTRAINT articles_article_body_present CHECK (length(body) > 0);
ALTER TABLE articles_article ADD CHECK (status IN ('draft', 'published'));
ALTER TABLE articles_article ADD UNIQUE (title);
ALTER TABLE tasks_taskexportjob ADD FOREIGN KEY (article_id) REFERENCES articles_article (id);
ALTER TABLE audit_entry ADD PRIMARY KEY (entry_id);
