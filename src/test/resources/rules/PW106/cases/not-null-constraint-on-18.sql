-- case: PostgreSQL 18 adds NOT NULL constraints that can be NOT VALID: one added without it scans the table
-- expect: raised
-- pg-version: 18
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD CONSTRAINT articles_summary_nn NOT NULL summary;
