-- case: a validated CHECK on another column proves nothing about this one
-- expect: raised
-- schema: good-schema.sql
ALTER TABLE articles_article ALTER COLUMN title SET NOT NULL;
