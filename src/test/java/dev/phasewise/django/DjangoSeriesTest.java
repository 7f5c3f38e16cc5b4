package dev.phasewise.django;

import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.convert.Converter;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a phased plan is cut into Django migrations, and the SQL its batch loop binds (no Django needed). */
class DjangoSeriesTest {
    private static Plan converted(String sql) {
        SchemaModel schema = SchemaFiles.of("CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL, note text);");
        return new Converter(new PgVersion(17)).convert("m.sql", sql, schema).plan();
    }

    @Test
    void stepsOfOneStatementShareATransactionAndTheOthersCommitEachStatement() throws Exception {
        Plan plan = PlanFiles.parse("p.yaml", """
                version: 1
                name: p
                phases:
                  expand:
                    steps:
                    - kind: raw-sql
                      id: add-a
                      sql: ALTER TABLE t ADD COLUMN a text
                    - kind: raw-sql
                      id: add-b
                      sql: ALTER TABLE t ADD COLUMN b text
                    - kind: create-index
                      table: t
                      name: t_a_idx
                      columns: [a]
                  contract:
                    steps:
                    - kind: set-not-null
                      table: t
                      column: a
                    - kind: raw-sql
                      id: drop-b
                      sql: ALTER TABLE t DROP COLUMN b
                """);
        List<SeriesMigration> series = DjangoSeries.of(plan, "0007_x");
        assertEquals(List.of("0007_x_1_expand", "0007_x_2_expand", "0007_x_3_contract", "0007_x_4_contract"),
                series.stream().map(SeriesMigration::name).toList());
        assertEquals(List.of(true, false, false, true), series.stream().map(SeriesMigration::atomic).toList());
        assertEquals(List.of(false, false, false, true), series.stream().map(SeriesMigration::stateAtEnd).toList());
        // an atomic migration sets lock_timeout for its own transaction; outside one it is reset at the end
        SeriesOperation.RunSql first = (SeriesOperation.RunSql) series.get(0).operations().get(0);
        assertEquals(List.of("SET LOCAL lock_timeout = '2s'"), first.sql());
        List<SeriesOperation> index = series.get(1).operations();
        assertEquals(List.of("SET lock_timeout = '2s'"), ((SeriesOperation.RunSql) index.get(0)).sql());
        assertEquals(List.of("RESET lock_timeout"), ((SeriesOperation.RunSql) index.get(index.size() - 1)).sql());
        assertTrue(((SeriesOperation.RunSql) index.get(1)).sql().get(0).startsWith("CREATE INDEX CONCURRENTLY"));
        // set-not-null's CHECK is validated in a transaction of its own, not in the one that added it NOT VALID
        SeriesOperation.RunSql setNotNull = (SeriesOperation.RunSql) series.get(2).operations().get(1);
        assertEquals(4, setNotNull.sql().size(), setNotNull.sql().toString());
    }

    @Test
    void aBackfillBecomesKeysetBatchesWithItsPercentSignsDoubledForPsycopg() {
        Plan plan = converted("UPDATE t SET note = 'at 100%' WHERE note IS NULL;");
        List<SeriesMigration> series = DjangoSeries.of(plan, "0002_fill");
        assertEquals(1, series.size());
        assertEquals(Phase.BACKFILL, series.get(0).phase());
        assertFalse(series.get(0).atomic());
        SeriesOperation.Batches b = (SeriesOperation.Batches) series.get(0).operations().get(1);
        assertEquals("SELECT \"id\" FROM \"t\" ORDER BY \"id\" LIMIT 1", b.firstKey());
        assertEquals("SELECT \"id\" FROM \"t\" WHERE \"id\" >= %(lower)s ORDER BY \"id\" OFFSET %(rows)s LIMIT 1", b.nextKey());
        assertTrue(b.batch().startsWith("UPDATE \"t\" SET note = 'at 100%%' WHERE \"id\" >= %(lower)s AND "
                + "(%(upper)s IS NULL OR \"id\" < %(upper)s) AND ("), b.batch());
        assertTrue(b.rerun().contains("only rows that still need it"), b.rerun());
    }

    @Test
    void aFunctionNameIsAPythonIdentifier() {
        assertEquals("backfill_articles_article_summary", DjangoSeries.pythonName("backfill-articles_article-summary"));
        assertEquals("run_2_fill_t", DjangoSeries.pythonName("2-fill.t"));
    }
}
