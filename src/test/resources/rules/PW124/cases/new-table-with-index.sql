-- case: an index on a new table's foreign key column, created in the same file, serves it
-- expect: not raised
CREATE TABLE reactions (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
CREATE INDEX reactions_user_id_idx ON reactions (user_id);
