-- case: archive.reports created in the file is not "archive.reports", a table of public that exists
-- expect: raised
CREATE TABLE archive.reports (id bigint);
DROP TABLE "archive.reports";
