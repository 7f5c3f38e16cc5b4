-- case: "archive.articles_article" (a table of public whose name holds a dot) has no CHECK: the one of archive.articles_article proves nothing there
-- expect: raised
-- schema: schema-dotted-names.sql
ALTER TABLE "archive.articles_article" ALTER COLUMN summary SET NOT NULL;
