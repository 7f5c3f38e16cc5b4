CREATE TABLE reviews (id bigint PRIMARY KEY, state text NOT NULL CHECK (state IN ('new', 'approved')));
