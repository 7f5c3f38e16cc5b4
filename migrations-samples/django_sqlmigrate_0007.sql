BEGIN;
--
-- Add field summary to article
--
ALTER TABLE "articles_article" ADD COLUMN "summary" varchar(300) DEFAULT '' NOT NULL;
ALTER TABLE "articles_article" ALTER COLUMN "summary" DROP DEFAULT;
--
-- Add field expires_at to taskexportjob
--
ALTER TABLE "tasks_taskexportjob" ADD COLUMN "expires_at" timestamp with time zone NULL;
--
-- Alter field title on article
--
ALTER TABLE "articles_article" ALTER COLUMN "title" TYPE varchar(300);
CREATE INDEX "articles_article_summary_6f3c1a2e" ON "articles_article" ("summary");
CREATE INDEX "articles_article_summary_6f3c1a2e_like" ON "articles_article" ("summary" varchar_pattern_ops);
COMMIT;
