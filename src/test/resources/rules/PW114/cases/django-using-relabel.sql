-- case: Django writes every AlterField with USING "col"::type; a cast of the column to the new type decides as no USING (varchar widening: no rewrite)
-- expect: not raised
ALTER TABLE "articles_article" ALTER COLUMN "title" TYPE varchar(300) USING "title"::varchar(300);
