DO $$
BEGIN
    EXECUTE 'ALTER TABLE articles_article ADD COLUMN summary text';
END
$$;
