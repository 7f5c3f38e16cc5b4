package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which tables a statement scans when it reaches them through a subquery or a code block's variable: a scalar
 * subquery runs per outer row with the outer columns as parameters, and a PL/pgSQL variable is a parameter too,
 * so an index on the column compared with them is used (TraceCorpusIT holds the same shapes against PostgreSQL).
 */
class SubqueryAccessPathsTest {
    private static final String SCHEMA = """
            CREATE TABLE articles (id bigint PRIMARY KEY, author_id bigint NOT NULL, views integer);
            CREATE INDEX articles_author_id_idx ON articles (author_id);
            CREATE TABLE comments (id bigint PRIMARY KEY, article_id bigint NOT NULL, user_id bigint, body text);
            CREATE INDEX comments_article_id_idx ON comments (article_id);
            CREATE TABLE users (id bigint PRIMARY KEY, email text);
            CREATE UNIQUE INDEX users_email_key ON users (email);
            CREATE TABLE events (id bigint NOT NULL, amount integer) PARTITION BY RANGE (id);
            CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (0) TO (1000);
            CREATE VIEW article_views AS SELECT id, views FROM articles;
            """;

    private static String effects(String sql) {
        SchemaModel schema = SchemaFiles.of(SCHEMA);
        FileAnalysis a = new Analyzer(new PgVersion(17)).analyze("m.sql", sql, schema);
        return a.statements().get(a.statements().size() - 1).tables().stream()
                .map(t -> t.name() + " " + t.lock().pgName() + (t.scan() ? " scan" : ""))
                .sorted().collect(Collectors.joining(", "));
    }

    @Test
    void aCorrelatedScalarSubqueryReachesItsTableThroughTheIndexOnItsPredicate() {
        assertEquals("articles RowExclusiveLock scan, comments AccessShareLock",
                effects("UPDATE articles SET views = (SELECT count(*) FROM comments c WHERE c.article_id = articles.id);"));
        assertEquals("articles RowExclusiveLock, comments AccessShareLock", effects(
                "UPDATE articles a SET views = (SELECT count(*) FROM comments c WHERE c.article_id = a.id) WHERE a.id = 3;"));
        assertEquals("articles AccessShareLock, comments AccessShareLock", effects(
                "SELECT a.id, (SELECT max(c.id) FROM comments c WHERE c.article_id = a.id) FROM articles a WHERE a.id < 50;"));
    }

    @Test
    void withoutAnIndexOnThePredicateTheSubqueryStillScans() {
        assertEquals("comments AccessShareLock scan, users RowExclusiveLock", effects(
                "UPDATE users SET email = (SELECT max(c.body) FROM comments c WHERE c.user_id = users.id) WHERE id = 5;"));
    }

    @Test
    void anUncorrelatedScalarSubqueryUsesItsOwnConstantsAndBindsNothingOutside() {
        assertEquals("articles RowExclusiveLock scan, users AccessShareLock", effects(
                "UPDATE articles SET author_id = (SELECT min(id) FROM users WHERE email = 'a@example.com');"));
        // the subquery's condition on the outer table filters nothing of the outer scan
        assertEquals("articles RowExclusiveLock scan, comments AccessShareLock", effects(
                "UPDATE articles SET views = (SELECT count(*) FROM comments c WHERE c.article_id = articles.id "
                        + "AND articles.author_id = 3);"));
    }

    @Test
    void aCodeBlocksVariablesAreParametersOfItsStatements() {
        assertEquals("articles RowExclusiveLock, users AccessShareLock", effects("""
                DO $$
                DECLARE
                    r record;
                BEGIN
                    FOR r IN SELECT id FROM users WHERE id <= 3 LOOP
                        UPDATE articles SET views = 0 WHERE author_id = r.id;
                    END LOOP;
                END
                $$;
                """));
        assertEquals("articles RowExclusiveLock", effects("""
                DO $$
                DECLARE
                    uid bigint := 3;
                BEGIN
                    UPDATE articles SET views = 0 WHERE author_id = uid;
                END
                $$;
                """));
    }

    @Test
    void aSqlStandardBodyLocksWhatItNamesWhenTheRoutineIsCreated() {
        assertEquals("users RowExclusiveLock", effects(
                "CREATE PROCEDURE reset_email() LANGUAGE sql BEGIN ATOMIC UPDATE users SET email = NULL WHERE id = 1; END;"));
        assertEquals("comments AccessShareLock", effects(
                "CREATE FUNCTION comment_count() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM comments);"));
        assertEquals("", effects("CREATE FUNCTION plus_one(i integer) RETURNS integer LANGUAGE sql RETURN i + 1;"));
        // what the body names: a partitioned table without its partitions, a view with its tables
        assertEquals("events RowExclusiveLock", effects(
                "CREATE PROCEDURE reset_amount() LANGUAGE sql BEGIN ATOMIC UPDATE events SET amount = 0 WHERE id = 1; END;"));
        assertEquals("article_views AccessShareLock, articles AccessShareLock", effects("CREATE FUNCTION view_count() RETURNS bigint "
                + "LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM article_views; END;"));
    }
}
