-- case: an index on public.comments is on comments
-- expect: not raised
CREATE INDEX CONCURRENTLY comments_user_id_idx ON public.comments (user_id);
ALTER TABLE comments ADD CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
