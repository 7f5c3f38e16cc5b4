-- case: a type choice matters on a new table too: integer on a table created in the file is flagged
-- expect: raised
CREATE TABLE reviews (id bigint PRIMARY KEY, score int);
