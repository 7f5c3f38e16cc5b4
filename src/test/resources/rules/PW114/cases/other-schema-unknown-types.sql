-- case: archive.articles_article is another table whose column types nothing declares: the change is taken to rewrite
-- expect: raised
ALTER TABLE archive.articles_article ALTER COLUMN title TYPE varchar(300);
