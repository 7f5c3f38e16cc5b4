BEGIN;
CREATE TABLE notes (id bigint);
COMMIT;
