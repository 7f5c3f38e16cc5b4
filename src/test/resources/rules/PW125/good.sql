ALTER TYPE article_status ADD VALUE 'archived' AFTER 'published';
