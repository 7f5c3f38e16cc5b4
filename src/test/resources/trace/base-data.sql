-- Enough rows that the planner prefers indexes for selective predicates.
INSERT INTO users (email, name, created_at)
    SELECT 'user' || g || '@example.com', 'User ' || g, now() - g * interval '1 minute'
    FROM generate_series(1, 5000) g;
INSERT INTO articles_article (author_id, title, body, slug, price, views, meta)
    SELECT 1 + (g % 4000), 'Title ' || g, repeat('body ', 20) || g, 'slug-' || g, g % 100, g % 50, '{"a": 1}'
    FROM generate_series(1, 20000) g;
INSERT INTO comments (id, article_id, user_id, body)
    SELECT g, 1 + (g % 20000), 1 + (g % 4000), 'comment ' || g FROM generate_series(1, 20000) g;
INSERT INTO task_export_job (owner_id, status, created_at)
    SELECT g % 4000 + 1, CASE WHEN g % 3 = 0 THEN 'done' ELSE 'pending' END, now() - g * interval '1 hour'
    FROM generate_series(1, 3000) g;
INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(1, 200) g;
INSERT INTO article_tags SELECT g, 1 + g % 200 FROM generate_series(1, 5000) g;
INSERT INTO events SELECT g, timestamptz '2025-06-01' + g * interval '1 hour', 'k', g FROM generate_series(1, 9000) g;
INSERT INTO events SELECT g, timestamptz '2030-01-01' + g * interval '1 hour', 'late', g FROM generate_series(1, 300) g;
INSERT INTO events_2027 SELECT g, timestamptz '2027-02-01' + g * interval '1 minute', 'k', g FROM generate_series(1, 500) g;
INSERT INTO metrics SELECT CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END, g FROM generate_series(1, 2000) g;
INSERT INTO metrics_d SELECT 'd', g FROM generate_series(1, 500) g;
INSERT INTO ledger SELECT g, timestamptz '2025-03-01' + g * interval '1 minute', g FROM generate_series(1, 500) g;
INSERT INTO ledger SELECT g, timestamptz '2031-03-01' + g * interval '1 minute', g FROM generate_series(1, 500) g;
INSERT INTO ledger_2027 SELECT g, timestamptz '2027-03-01' + g * interval '1 minute', g FROM generate_series(1, 500) g;
INSERT INTO ledger_2028 SELECT g, timestamptz '2028-03-01' + g * interval '1 minute', g FROM generate_series(1, 500) g;
INSERT INTO checked_notes SELECT g, g, 'n', 'in', 'l' FROM generate_series(1, 500) g;
INSERT INTO notes SELECT g, 'note' FROM generate_series(1, 1000) g;
INSERT INTO notes_archive SELECT g, 'old', now() FROM generate_series(1, 1000) g;
INSERT INTO archive.old_orders SELECT g, g FROM generate_series(1, 1000) g;
INSERT INTO app.users SELECT g, 'u' || g, 'calm' FROM generate_series(1, 500) g;
INSERT INTO app.ledger SELECT g, 1 + g % 500, g, 'm' FROM generate_series(1, 2000) g;
REFRESH MATERIALIZED VIEW author_stats;
ANALYZE;
