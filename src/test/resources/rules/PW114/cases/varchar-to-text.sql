-- case: varchar(200) to text is binary-coercible: no rewrite
-- expect: not raised
ALTER TABLE articles_article ALTER COLUMN title TYPE text;
