-- case: ALTER TABLE IF EXISTS on an existing table validates the CHECK all the same
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE IF EXISTS articles_article ADD CONSTRAINT articles_title_check CHECK (title <> '');
