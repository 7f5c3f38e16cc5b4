-- The naive version of the seed's scenario, as a developer would first write it.
-- `phasewise lint --schema migrations-samples/schema.sql` explains why it is unsafe.
ALTER TABLE articles_article ADD COLUMN summary varchar(300) NOT NULL DEFAULT '';
UPDATE articles_article SET summary = left(body, 300);
CREATE INDEX articles_article_summary_idx ON articles_article (summary);
