-- Django's AlterField from TextField(null=True) to CharField(max_length=300) (null=False): one ALTER TABLE
-- with the type change and SET NOT NULL together, after a RunSQL that fills the NULLs. The shadow column
-- takes the NOT NULL; the type change is not kept as written.
-- setup
ALTER TABLE articles_article ADD COLUMN summary text NULL;
UPDATE articles_article SET summary = left(body, 20) WHERE id % 3 = 0;
-- migration
BEGIN;
UPDATE articles_article SET summary = left(body, 300) WHERE summary IS NULL;
ALTER TABLE "articles_article" ALTER COLUMN "summary" TYPE varchar(300) USING "summary"::varchar(300), ALTER COLUMN "summary" SET NOT NULL;
COMMIT;
