-- case: "Articles_tag" created in the file is not articles_tag, which exists
-- expect: raised
CREATE TABLE "Articles_tag" (id bigint PRIMARY KEY);
ALTER TABLE articles_tag ADD COLUMN name text;
