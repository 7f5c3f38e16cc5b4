-- case: archive.articles_article is another table: the CHECK of articles_article proves nothing there
-- expect: raised
-- schema: good-schema.sql
ALTER TABLE archive.articles_article ALTER COLUMN summary SET NOT NULL;
