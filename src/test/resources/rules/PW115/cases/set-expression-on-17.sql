-- case: ALTER COLUMN ... SET EXPRESSION (PostgreSQL 17+) recomputes a stored generated column into every row
-- expect: raised
-- pg-version: 17
ALTER TABLE articles_article ALTER COLUMN title_lower SET EXPRESSION AS (lower(title));
