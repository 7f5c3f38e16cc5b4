-- case: "scratch" is the table scratch created earlier in the file
-- expect: not raised
CREATE TABLE scratch (id bigint);
DROP TABLE "scratch";
