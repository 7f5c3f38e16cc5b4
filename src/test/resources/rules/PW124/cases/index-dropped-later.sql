-- case: an index dropped later in the file no longer serves the foreign key
-- expect: raised
CREATE INDEX CONCURRENTLY comments_user_id_idx ON comments (user_id);
ALTER TABLE comments ADD CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
DROP INDEX CONCURRENTLY comments_user_id_idx;
