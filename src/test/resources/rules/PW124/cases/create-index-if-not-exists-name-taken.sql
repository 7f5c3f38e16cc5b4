-- case: CREATE INDEX IF NOT EXISTS whose name an index on other columns already has creates nothing
-- expect: raised
-- schema: schema-comments-no-index.sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_user_id_idx ON comments (user_id);
ALTER TABLE comments ADD CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
