package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.SearchPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unqualified names resolved as PostgreSQL resolves them: through the search_path the file sets
 * (SET, SET LOCAL until its transaction ends, set_config, RESET), the one the analysis starts with
 * (--search-path, the catalog's), and the objects each schema holds. The server's own answers for
 * the same statements are in the trace corpus ("search_path:" entries).
 */
class SearchPathAnalysisTest {
    private static final String SCHEMA = """
            CREATE SCHEMA app;
            CREATE TABLE users (id bigint PRIMARY KEY, email text);
            CREATE TABLE app.users (id bigint PRIMARY KEY, handle text);
            CREATE TABLE app.ledger (id bigint PRIMARY KEY, user_id bigint, amount bigint);
            CREATE DOMAIN app.cents AS bigint CHECK (VALUE >= 0);
            CREATE TYPE app.mood AS ENUM ('calm', 'busy');
            """;

    private static FileAnalysis analyse(String sql) {
        return analyse(sql, SchemaFiles.of(SCHEMA));
    }

    private static FileAnalysis analyse(String sql, SchemaModel schema) {
        return new Analyzer(new PgVersion(17)).analyze("m.sql", sql, schema);
    }

    @Test
    void anUnqualifiedNameIsTheTableOfTheFirstSchemaThatHasIt() {
        FileAnalysis r = analyse("""
                SET search_path TO app, public;
                ALTER TABLE users ADD COLUMN nickname text;
                ALTER TABLE ledger ADD COLUMN note text;
                """);
        assertEquals(Set.of("app.users AccessExclusiveLock"), tables(r, 2));
        assertEquals(Set.of("app.ledger AccessExclusiveLock"), tables(r, 3));
    }

    @Test
    void withoutASettingUnqualifiedMeansPublic() {
        FileAnalysis r = analyse("ALTER TABLE users ADD COLUMN nickname text;\n");
        assertEquals(Set.of("users AccessExclusiveLock"), tables(r, 1));
    }

    @Test
    void publicFirstFindsPublicUsersAndStillFindsWhatOnlyAppHas() {
        FileAnalysis r = analyse("""
                SET search_path = public, app;
                ALTER TABLE users ADD COLUMN nickname text;
                ALTER TABLE ledger ADD COLUMN note text;
                """);
        assertEquals(Set.of("users AccessExclusiveLock"), tables(r, 2));
        assertEquals(Set.of("app.ledger AccessExclusiveLock"), tables(r, 3));
    }

    @Test
    void aNewTableGoesIntoTheFirstSchemaEvenWhenALaterOneHasTheName() {
        // public.users exists; under "app2, public" the new users is app2.users, created by this migration,
        // so the index on it needs no CONCURRENTLY and the foreign key reaches public.users (not app2.users)
        FileAnalysis r = analyse("""
                CREATE SCHEMA app2;
                SET search_path TO app2, public;
                CREATE TABLE users (id bigint PRIMARY KEY, owner_id bigint REFERENCES public.users (id));
                CREATE INDEX users_owner_idx ON users (owner_id);
                """);
        assertEquals(Set.of("app2.users ShareLock scan"), tables(r, 4));
        assertFalse(rules(r, 4).contains("PW101"), rules(r, 4) + ": the table is new, the index needs no CONCURRENTLY");
    }

    @Test
    void setLocalLastsUntilTheTransactionEnds() {
        FileAnalysis r = analyse("""
                BEGIN;
                SET LOCAL search_path TO app;
                ALTER TABLE users ADD COLUMN nickname text;
                COMMIT;
                ALTER TABLE users ADD COLUMN nickname2 text;
                """);
        assertEquals(Set.of("app.users AccessExclusiveLock"), tables(r, 3));
        assertEquals(Set.of("users AccessExclusiveLock"), tables(r, 5));
    }

    @Test
    void resetAndDefaultGoBackToWhereTheFileStarted() {
        FileAnalysis r = analyse("""
                SET search_path TO app;
                RESET search_path;
                ALTER TABLE users ADD COLUMN a text;
                SET search_path TO app;
                SET search_path TO DEFAULT;
                ALTER TABLE users ADD COLUMN b text;
                """);
        assertEquals(Set.of("users AccessExclusiveLock"), tables(r, 3));
        assertEquals(Set.of("users AccessExclusiveLock"), tables(r, 6));
    }

    @Test
    void setConfigAsPgDumpWritesIt() {
        FileAnalysis r = analyse("""
                SELECT pg_catalog.set_config('search_path', 'app', false);
                ALTER TABLE users ADD COLUMN nickname text;
                """);
        assertEquals(Set.of("app.users AccessExclusiveLock"), tables(r, 2));
    }

    @Test
    void theStartingPathComesFromTheModelAndTheFileMovesIt() {
        SchemaModel schema = SchemaFiles.of(SCHEMA);
        schema.setSearchPath(SearchPath.parse("app, public"));
        FileAnalysis r = analyse("""
                ALTER TABLE users ADD COLUMN a text;
                SET search_path TO public;
                ALTER TABLE users ADD COLUMN b text;
                RESET search_path;
                ALTER TABLE users ADD COLUMN c text;
                """, schema);
        assertEquals(Set.of("app.users AccessExclusiveLock"), tables(r, 1));
        assertEquals(Set.of("users AccessExclusiveLock"), tables(r, 3));
        assertEquals(Set.of("app.users AccessExclusiveLock"), tables(r, 5));
    }

    @Test
    void typesAreFoundThroughThePathToo() {
        // app.cents has a CHECK: changing a column to it rewrites the table and checks every row, as PostgreSQL does it
        FileAnalysis r = analyse("""
                SET search_path TO app, public;
                ALTER TABLE ledger ALTER COLUMN amount TYPE cents;
                """);
        assertEquals(Set.of("app.ledger AccessExclusiveLock rewrite scan"), tables(r, 2));
    }

    @Test
    void aSchemaFileIsReadWithItsOwnSearchPath() {
        SchemaModel schema = SchemaFiles.of("""
                CREATE SCHEMA billing;
                SET search_path TO billing;
                CREATE TABLE invoices (id bigint PRIMARY KEY);
                """);
        assertTrue(schema.find(new dev.phasewise.analysis.sql.QualifiedName("billing", "invoices")).isPresent());
        assertEquals(SearchPath.DEFAULT, schema.searchPath(), "the next file starts where the schema file started");
    }

    @Test
    void readsTheSettingAsPostgresWritesIt() {
        assertEquals(List.of("app", "public"), SearchPath.parse("\"$user\", app, public").schemas());
        assertEquals(List.of("App", "public"), SearchPath.parse("\"App\", PUBLIC").schemas());
        assertEquals(List.of("app"), SearchPath.parse("'app'").schemas());
        assertEquals(List.of(), SearchPath.parse("''").schemas());
        assertEquals(List.of("app"), SearchPath.parse("pg_catalog, app, pg_temp").schemas());
        assertTrue(SearchPath.parse("\"$user\", public").isDefault());
    }

    private static Set<String> tables(FileAnalysis r, int statement) {
        return r.statements().get(statement - 1).tables().stream().map(SearchPathAnalysisTest::describe)
                .collect(Collectors.toSet());
    }

    private static String describe(TableEffect t) {
        return t.name() + " " + t.lock().pgName() + (t.rewrite() ? " rewrite" : "") + (t.scan() ? " scan" : "");
    }

    private static Set<String> rules(FileAnalysis r, int statement) {
        return r.statements().get(statement - 1).findings().stream().map(f -> f.rule().id()).collect(Collectors.toSet());
    }
}
