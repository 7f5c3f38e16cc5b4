package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * PW307 and PW308 rewrite one column's type in the statement: that column's, however it is spelled, and
 * never a fix that repeats the input.
 */
class ColumnTypeFixTest {

    private static List<Finding> findings(String sql, String rule) {
        StatementResult r = new Analyzer(new PgVersion(17)).analyze("m.sql", sql, new SchemaModel())
                .statements().get(0);
        return r.findings().stream().filter(f -> f.rule().id().equals(rule)).toList();
    }

    private static String fixFor(String sql, String rule, String column) {
        return findings(sql, rule).stream().filter(f -> f.message().contains("." + column + " "))
                .findFirst().orElseThrow(() -> new AssertionError(rule + " for " + column + " in " + sql)).fix();
    }

    @Test
    void eachColumnGetsItsOwnTypeReplacedWhateverItsSpelling() {
        String sql = "CREATE TABLE a (id serial PRIMARY KEY, n int, m int4, s smallserial, x INTEGER, "
                + "y pg_catalog.int4, w integer[])";
        assertEquals("CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int, m int4, "
                + "s smallserial, x INTEGER, y pg_catalog.int4, w integer[]);", fixFor(sql, "PW307", "id"));
        assertEquals("CREATE TABLE a (id serial PRIMARY KEY, n bigint, m int4, s smallserial, x INTEGER, "
                + "y pg_catalog.int4, w integer[]);", fixFor(sql, "PW307", "n"));
        assertEquals("CREATE TABLE a (id serial PRIMARY KEY, n int, m bigint, s smallserial, x INTEGER, "
                + "y pg_catalog.int4, w integer[]);", fixFor(sql, "PW307", "m"));
        assertEquals("CREATE TABLE a (id serial PRIMARY KEY, n int, m int4, s smallserial, x bigint, "
                + "y pg_catalog.int4, w integer[]);", fixFor(sql, "PW307", "x"));
        assertEquals("CREATE TABLE a (id serial PRIMARY KEY, n int, m int4, s smallserial, x INTEGER, "
                + "y bigint, w integer[]);", fixFor(sql, "PW307", "y"));
        assertEquals("CREATE TABLE a (id serial PRIMARY KEY, n int, m int4, s smallint GENERATED ALWAYS AS IDENTITY, "
                + "x INTEGER, y pg_catalog.int4, w integer[]);", fixFor(sql, "PW308", "s"));
    }

    @Test
    void addColumnWithAShortSpellingIsRewrittenNotRepeated() {
        String sql = "ALTER TABLE b ADD COLUMN k int REFERENCES a (id)";
        String fix = fixFor(sql, "PW307", "k");
        assertNotEquals(sql + ";", fix);
        assertEquals("ALTER TABLE b ADD COLUMN k bigint REFERENCES a (id);", fix);
        assertEquals("ALTER TABLE b ADD \"K\" bigint;", fixFor("ALTER TABLE b ADD \"K\" int2", "PW307", "K"));
        assertEquals("CREATE TABLE c (id bigint GENERATED ALWAYS AS IDENTITY);",
                fixFor("CREATE TABLE c (id serial4)", "PW308", "id"));
    }

    @Test
    void aFixNeverRepeatsTheInput() {
        String sql = "CREATE TABLE d (id \"int4\" PRIMARY KEY, z int2, v int2)";
        List<Finding> found = findings(sql, "PW307");
        assertEquals(3, found.size(), found.toString());
        for (Finding f : found) {
            assertNotEquals(sql + ";", f.fix(), f.message());
        }
        assertEquals("CREATE TABLE d (id \"int4\" PRIMARY KEY, z int2, v bigint);", fixFor(sql, "PW307", "v"));
    }
}
