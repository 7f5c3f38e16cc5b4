-- The seed's naive migration (migrations-samples/0042_add_summary_unsafe.sql).
-- migration
ALTER TABLE articles_article ADD COLUMN summary varchar(300) NOT NULL DEFAULT '';
UPDATE articles_article SET summary = left(body, 300);
CREATE INDEX articles_article_summary_idx ON articles_article (summary);
