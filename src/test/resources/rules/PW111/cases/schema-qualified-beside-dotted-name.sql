-- case: archive.articles_article, declared beside "archive.articles_article", keeps its own validated CHECK
-- expect: not raised
-- schema: schema-dotted-names.sql
ALTER TABLE archive.articles_article ALTER COLUMN summary SET NOT NULL;
