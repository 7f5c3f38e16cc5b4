-- case: CREATE INDEX IF NOT EXISTS still builds the index under SHARE when it does not exist yet
-- expect: raised
CREATE INDEX IF NOT EXISTS articles_title_idx ON articles_article (title);
