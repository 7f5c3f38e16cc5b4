-- case: "Articles_tag" created in the file is not articles_tag, which exists
-- expect: raised
CREATE TABLE "Articles_tag" (id bigint PRIMARY KEY, name text);
UPDATE articles_tag SET name = lower(name);
