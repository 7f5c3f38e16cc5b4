CREATE TYPE review_state AS ENUM ('new', 'approved');
