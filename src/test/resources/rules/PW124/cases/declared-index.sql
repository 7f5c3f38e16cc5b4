-- case: an index the schema declares on the referencing column serves the foreign key
-- expect: not raised
-- schema: schema-comments.sql
ALTER TABLE comments ADD CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
