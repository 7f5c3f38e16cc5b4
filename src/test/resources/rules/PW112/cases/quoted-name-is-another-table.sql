-- case: "Articles" created in the file is not articles, which exists
-- expect: raised
CREATE TABLE "Articles" (id bigint PRIMARY KEY);
ALTER TABLE articles ADD COLUMN headline text NOT NULL;
