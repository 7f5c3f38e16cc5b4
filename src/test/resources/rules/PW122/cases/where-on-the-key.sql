-- case: an UPDATE of one row by its key is no backfill
-- expect: not raised
UPDATE articles_article SET summary = '' WHERE id = 42;
