-- case: REINDEX INDEX of an index on an existing table blocks its writes
-- expect: raised
-- schema: schema-articles.sql
REINDEX INDEX articles_title_idx;
