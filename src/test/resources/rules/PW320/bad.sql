DO $$
DECLARE
    t text := 'articles_article';
BEGIN
    EXECUTE format('ALTER TABLE %I ADD COLUMN summary text', t);
END
$$;
