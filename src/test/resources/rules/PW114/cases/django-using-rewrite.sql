-- case: the same USING "col"::type form, to a type PostgreSQL must convert every value to (integer to bigint): a rewrite
-- expect: raised
ALTER TABLE "articles_article" ALTER COLUMN "views" TYPE bigint USING "views"::bigint;
