-- case: an identity column fills every row from its sequence
-- expect: not raised
ALTER TABLE articles_article ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY NOT NULL;
