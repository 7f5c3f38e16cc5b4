package dev.phasewise.run.retry;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlFailureClassTest {
    @Test
    void lockTimeout() {
        assertEquals(SqlFailureClass.LOCK_TIMEOUT, SqlFailureClass.of(new SQLException("x", "55P03")));
    }

    @Test
    void deadlockAndSerializationFailureAreConflicts() {
        assertEquals(SqlFailureClass.CONFLICT, SqlFailureClass.of(new SQLException("x", "40P01")));
        assertEquals(SqlFailureClass.CONFLICT, SqlFailureClass.of(new SQLException("x", "40001")));
        // other class 40 states (e.g. 40002 integrity constraint violation at commit) are not retried
        assertEquals(SqlFailureClass.FATAL, SqlFailureClass.of(new SQLException("x", "40002")));
    }

    @Test
    void connectionLossIsTheWholeClass08AndTheShutdownStates() {
        for (String s : new String[] {"08000", "08001", "08003", "08004", "08006", "08P01", "57P01", "57P02", "57P03"}) {
            assertEquals(SqlFailureClass.CONNECTION, SqlFailureClass.of(new SQLException("x", s)), s);
        }
        // 57P04 (database dropped) and 57P05 (idle session timeout) are not in the list
        assertEquals(SqlFailureClass.FATAL, SqlFailureClass.of("57P04"));
    }

    @Test
    void statementTimeoutAndCancelRequestAreCanceled() {
        assertEquals(SqlFailureClass.CANCELED, SqlFailureClass.of(new SQLException("x", "57014")));
    }

    @Test
    void everythingElseIsFatal() {
        for (String s : new String[] {"23505", "42601", "42P01", "53100", "XX000", "55000", "5", ""}) {
            assertEquals(SqlFailureClass.FATAL, SqlFailureClass.of(new SQLException("x", s)), s);
        }
        assertEquals(SqlFailureClass.FATAL, SqlFailureClass.of(new SQLException("no state")));
        assertEquals(SqlFailureClass.FATAL, SqlFailureClass.of((String) null));
    }
}
