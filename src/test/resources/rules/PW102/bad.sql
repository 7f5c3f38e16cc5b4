DROP INDEX articles_title_idx;
