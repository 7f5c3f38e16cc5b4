-- case: an index on "Comments" does not serve a foreign key of comments
-- expect: raised
CREATE INDEX CONCURRENTLY comments_user_id_idx ON "Comments" (user_id);
ALTER TABLE comments ADD CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
