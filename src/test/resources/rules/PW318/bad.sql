DO $$ BEGIN EXECUTE 'ALTER TABLE articles_article ADD COLUMN x int'; END $$;
