-- case: a foreign key on a table created in the file still needs its index: deletes from users scan it once it fills
-- expect: raised
CREATE TABLE reactions (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
