-- case: a NOT NULL column with a constant DEFAULT fills existing rows
-- expect: not raised
ALTER TABLE articles_article ADD COLUMN status text NOT NULL DEFAULT 'draft';
