-- case: "Scratch" created in the file is not scratch, which exists
-- expect: raised
CREATE TABLE "Scratch" (id bigint, tmp text);
ALTER TABLE scratch DROP COLUMN tmp;
