-- case: "Articles" created in the file is not articles, which exists
-- expect: raised
CREATE TABLE "Articles" (id bigint PRIMARY KEY, title text);
ALTER TABLE articles ADD CONSTRAINT articles_title_check CHECK (title <> '');
