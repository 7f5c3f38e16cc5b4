package dev.phasewise.run.backfill;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backfill's SET list and WHERE filter checked as text, before the catalog or the server sees them. */
class BackfillClausesTest {
    private static List<String> flat(List<String[]> assignments) {
        return assignments.stream().map(a -> a[0] + " := " + a[1]).toList();
    }

    @Test
    void theSetListIsSplitAtTopLevelCommasOnlyAndEachExpressionIsParenthesized() {
        assertEquals(List.of("summary := (left(body, 200))", "n := (coalesce(n, 0) + 1)",
                        "tags := (ARRAY['a', 'b'][1:1])", "note := ('x, y')"),
                flat(BackfillClauses.parseSet("summary = left(body, 200), n = coalesce(n, 0) + 1,"
                        + " tags = ARRAY['a', 'b'][1:1], note = 'x, y'")));
    }

    @Test
    void anAssignmentWithoutColumnAndEqualsSignIsRefusedAsSet() {
        BackfillException e = assertThrows(BackfillException.class, () -> BackfillClauses.parseSet("n = 1, summary"));
        assertEquals("SET: expected \"column = expression\", got \"summary\"", e.getMessage());
        assertEquals(BackfillException.Clause.SET, e.clause());
        assertThrows(BackfillException.class, () -> BackfillClauses.parseSet("n + 1 = 2"));
    }

    @Test
    void whatIsNotOneExpressionIsRefusedNamingItsClause() {
        BackfillException set = assertThrows(BackfillException.class,
                () -> BackfillClauses.parseSet("n = 1); DROP TABLE t; --"));
        assertEquals(BackfillException.Clause.SET, set.clause());
        BackfillException where = assertThrows(BackfillException.class,
                () -> BackfillClauses.expression("WHERE", "true; DELETE FROM t"));
        assertTrue(where.getMessage().contains("semicolon"), where.getMessage());
        assertEquals(BackfillException.Clause.WHERE, where.clause());
    }

    @Test
    void aParameterIsRefusedBecauseNothingWouldBindIt() {
        BackfillException e = assertThrows(BackfillException.class, () -> BackfillClauses.parseSet("n = $1"));
        assertEquals("SET contains a parameter ($1); use literal values", e.getMessage());
        assertEquals(BackfillException.Clause.SET, e.clause());
        assertEquals("(id > 10)", BackfillClauses.expression("WHERE", " id > 10 "));
    }
}
