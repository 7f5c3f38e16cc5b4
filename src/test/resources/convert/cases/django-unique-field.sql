-- Django's AddField(CharField(null=True, unique=True)) and AddField(ForeignKey(null=True)), as sqlmigrate writes them:
-- the inline UNIQUE becomes a unique index built CONCURRENTLY and attached as <table>_<column>_key.
-- migration
BEGIN;
ALTER TABLE "articles_article" ADD COLUMN "code" varchar(20) NULL UNIQUE;
CREATE INDEX "articles_article_code_679e2499_like" ON "articles_article" ("code" varchar_pattern_ops);
ALTER TABLE "articles_article" ADD COLUMN "external_ref" varchar(40) NULL CONSTRAINT "articles_article_external_ref_uniq" UNIQUE;
COMMIT;
