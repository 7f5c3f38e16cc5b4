-- case: an index on archive.comments does not serve a foreign key of comments
-- expect: raised
CREATE INDEX CONCURRENTLY comments_user_id_idx ON archive.comments (user_id);
ALTER TABLE comments ADD CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
