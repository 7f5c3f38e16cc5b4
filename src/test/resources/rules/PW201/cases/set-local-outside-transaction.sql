-- case: SET LOCAL before any BEGIN: the file is analysed as the one transaction its migration tool runs it in, so its lock_timeout counts (told otherwise with --no-assume-in-transaction, lint notes that SET LOCAL has no effect and raises PW201: LintCommandTest)
-- expect: not raised
SET LOCAL lock_timeout = '2s';
ALTER TABLE articles_article ADD COLUMN summary text;
