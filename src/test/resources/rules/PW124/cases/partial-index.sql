-- case: a partial index does not serve every lookup of the foreign key
-- expect: raised
CREATE INDEX CONCURRENTLY comments_user_id_idx ON comments (user_id) WHERE user_id IS NOT NULL;
ALTER TABLE comments ADD CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
