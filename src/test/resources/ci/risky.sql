-- A migration with findings of each severity, and one statement PostgreSQL would reject.
CREATE INDEX articles_title_idx ON articles_article (title);
ALTER TABLE articles_article ADD COLUMN note varchar(100), ADD COLUMN flag boolean DEFAULT false;
ALTER TABLE articles_article ADD COLUM broken int;
