-- case: SET TABLESPACE copies the table into the new tablespace
-- expect: raised
ALTER TABLE articles_article SET TABLESPACE fast_disk;
