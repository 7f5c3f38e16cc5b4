-- case: "archive.reports" created in the file is a table of public whose name holds a dot, not archive.reports, which exists
-- expect: raised
CREATE TABLE "archive.reports" (id bigint);
DROP TABLE archive.reports;
