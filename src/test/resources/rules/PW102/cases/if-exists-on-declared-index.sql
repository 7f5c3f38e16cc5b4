-- case: DROP INDEX IF EXISTS of an index that exists takes ACCESS EXCLUSIVE on its table like DROP INDEX
-- expect: raised
DROP INDEX IF EXISTS articles_title_idx;
