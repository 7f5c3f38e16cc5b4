DROP VIEW article_summaries;
