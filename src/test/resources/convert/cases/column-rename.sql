-- Renames of columns the deployed code uses: kept as written (the column keeps its place, indexes,
-- constraints and the foreign keys that reference it) and moved to the contract phase behind a gate; a later
-- index on the new name follows them there.
-- setup
CREATE INDEX articles_article_published_at_idx ON articles_article (published_at);
-- migration
ALTER TABLE articles_article RENAME COLUMN slug TO url_slug;
ALTER TABLE articles_article RENAME COLUMN published_at TO first_published_at;
ALTER TABLE auth_user RENAME COLUMN id TO user_id;
CREATE INDEX articles_article_url_slug_lower_idx ON articles_article (lower(url_slug));
