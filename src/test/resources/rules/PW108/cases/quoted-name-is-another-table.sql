-- case: "Articles" created in the file is not articles, which exists
-- expect: raised
CREATE TABLE "Articles" (id bigint PRIMARY KEY, slug text);
ALTER TABLE articles ADD CONSTRAINT articles_slug_key UNIQUE (slug);
