-- DELETEs that read the whole table, with and without a WHERE, become batched deletes with the same WHERE (the
-- articles' cascades to their comments, batch by batch); a DELETE that finds its row by the key stays as written.
-- migration
DELETE FROM articles_article WHERE status = 'draft' AND id % 5 = 0;
DELETE FROM tasks_taskexportjob;
DELETE FROM articles_comment WHERE id = 17;
