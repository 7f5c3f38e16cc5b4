package dev.phasewise.run;

import dev.phasewise.run.retry.SqlFailureClass;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerSqlFailuresTest {
    @Test
    void sqlStatesAreClassified() {
        assertEquals(SqlFailureClass.LOCK_TIMEOUT, SqlFailures.classify(new SQLException("x", "55P03")));
        assertEquals(SqlFailureClass.CONFLICT, SqlFailures.classify(new SQLException("x", "40P01")));
        assertEquals(SqlFailureClass.CONFLICT, SqlFailures.classify(new SQLException("x", "40001")));
        for (String s : new String[] {"08006", "08003", "57P01", "57P02", "57P03"}) {
            assertEquals(SqlFailureClass.CONNECTION, SqlFailures.classify(new SQLException("x", s)), s);
        }
        assertEquals(SqlFailureClass.CANCELED, SqlFailures.classify(new SQLException("x", "57014")));
        assertEquals(SqlFailureClass.FATAL, SqlFailures.classify(new SQLException("x", "23505")));
        assertEquals(SqlFailureClass.FATAL, SqlFailures.classify(new SQLException("x", "42601")));
        assertEquals("could not create unique index \"i\" (Detail: Key (a)=(1) is duplicated.)",
                SqlFailures.message(new SQLException("ERROR: could not create unique index \"i\"\n  Detail: Key (a)=(1)"
                        + " is duplicated.", "23505")));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        RunOptions o = RunOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        Random r = new Random(1);
        for (int i = 0; i < 50; i++) {
            long first = o.backoff(1, r).toMillis();
            long third = o.backoff(3, r).toMillis();
            long tenth = o.backoff(10, r).toMillis();
            assertTrue(first >= 50 && first <= 100, "attempt 1: " + first);
            assertTrue(third >= 200 && third <= 400, "attempt 3: " + third);
            assertTrue(tenth >= 500 && tenth <= 1000, "attempt 10: " + tenth);
        }
    }
}
