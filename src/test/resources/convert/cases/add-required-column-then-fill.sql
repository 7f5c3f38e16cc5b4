-- A nullable column, filled by one UPDATE, then made NOT NULL: the developer's first version.
-- migration
ALTER TABLE articles_article ADD COLUMN word_count integer;
UPDATE articles_article SET word_count = length(body) / 6;
ALTER TABLE articles_article ALTER COLUMN word_count SET NOT NULL;
CREATE INDEX ON articles_article (word_count);
