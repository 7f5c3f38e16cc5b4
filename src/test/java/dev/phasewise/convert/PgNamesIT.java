package dev.phasewise.convert;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The names PgNames predicts are the ones PostgreSQL chooses for unnamed indexes and constraints:
 * short and over-long table and column names (clipped to 63 bytes, the longer part first), several
 * columns, multi-byte characters, and a name already taken (a number appended).
 */
class PgNamesIT {
    private static final String LONG_TABLE = "a_table_with_a_rather_long_name_that_goes_on_and_on_for_ever_x";
    private static final String LONG_COLUMN = "a_column_whose_name_is_also_much_longer_than_anyone_would_like";
    private static final String SETUP = """
            CREATE TABLE %1$s (id bigint NOT NULL, %2$s int, b int, "straße_größe" int, c int);
            CREATE TABLE short_t (id bigint NOT NULL, x int, y int);
            CREATE INDEX short_t_x_idx ON short_t (y);
            """.formatted(LONG_TABLE, LONG_COLUMN);

    @Test
    void predictedNamesAreThoseThatPostgreSqlChooses() throws Exception {
        String url = TestPostgres.freshDatabase(17, "pg_names");
        SchemaModel schema = SchemaFiles.of(SETUP);
        QualifiedName longTable = QualifiedName.of(LONG_TABLE);
        QualifiedName shortTable = QualifiedName.of("short_t");
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            st.execute(SETUP);
            // predictions first: each statement below adds a name the next prediction must not reuse
            assertEquals(created(st, "CREATE INDEX ON " + LONG_TABLE + " (" + LONG_COLUMN + ", b)"),
                    PgNames.index(schema, longTable, List.of(LONG_COLUMN, "b")));
            assertEquals(created(st, "CREATE INDEX ON short_t (x)"),
                    PgNames.index(schema, shortTable, List.of("x")), "short_t_x_idx is taken: a number follows");
            assertEquals(constraint(st, "ALTER TABLE " + LONG_TABLE + " ADD UNIQUE (\"straße_größe\", c)"),
                    PgNames.constraint(schema, longTable, List.of("straße_größe", "c"), "key"));
            assertEquals(constraint(st, "ALTER TABLE " + LONG_TABLE + " ADD CHECK (" + LONG_COLUMN + " > 0)"),
                    PgNames.constraint(schema, longTable, List.of(LONG_COLUMN), "check"));
            assertEquals(constraint(st, "ALTER TABLE short_t ADD CHECK (x > y)"),
                    PgNames.constraint(schema, shortTable, List.of(), "check"));
            assertEquals(constraint(st, "ALTER TABLE short_t ADD PRIMARY KEY (id)"),
                    PgNames.constraint(schema, shortTable, List.of(), "pkey"));
            assertEquals(constraint(st, "ALTER TABLE short_t ADD FOREIGN KEY (x) REFERENCES short_t (id)"),
                    PgNames.constraint(schema, shortTable, List.of("x"), "fkey"));
        }
    }

    /** Runs the statement and returns the name of the index it created. */
    private static String created(Statement st, String sql) throws Exception {
        st.execute("CREATE TEMP TABLE IF NOT EXISTS seen (oid oid)");
        st.execute("DELETE FROM seen");
        st.execute("INSERT INTO seen SELECT oid FROM pg_class WHERE relkind = 'i'");
        st.execute(sql);
        try (ResultSet rs = st.executeQuery("SELECT relname FROM pg_class WHERE relkind = 'i' AND oid NOT IN "
                + "(SELECT oid FROM seen)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Runs the statement and returns the name of the constraint it created. */
    private static String constraint(Statement st, String sql) throws Exception {
        st.execute("CREATE TEMP TABLE IF NOT EXISTS seen_c (oid oid)");
        st.execute("DELETE FROM seen_c");
        st.execute("INSERT INTO seen_c SELECT oid FROM pg_constraint");
        st.execute(sql);
        try (ResultSet rs = st.executeQuery("SELECT conname FROM pg_constraint WHERE oid NOT IN "
                + "(SELECT oid FROM seen_c)")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
