package dev.phasewise.db.trace;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.db.TraceResult;
import dev.phasewise.db.TracedEffect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What {@code trace --apply} counts as a needless alarm: an error finding on a statement that, on no
 * table existing before its file, rewrote or scanned under a lock that blocks writes.
 */
class NeedlessAlarmTest {
    private static StatementResult predicted(Severity severity) {
        Finding f = new Finding(Rules.find("PW101").orElseThrow(), severity, "message", null, 3, 1);
        return new StatementResult(1, 3, 1, "CREATE INDEX t_a_idx ON t (a)", List.of(), List.of(f), null, List.of());
    }

    private static TracedStatement traced(StatementResult p, TracedEffect... effects) {
        return TracedStatement.compare(p, new TraceResult(List.of(effects), null, Map.of()), null);
    }

    @Test
    void anErrorOnAStatementThatHeldAWriteBlockingLockOnlyBrieflyIsNeedless() {
        TracedStatement t = traced(predicted(Severity.ERROR), new TracedEffect("t", LockMode.ACCESS_EXCLUSIVE, false, false));
        assertEquals("line 3: PW101 on CREATE INDEX t_a_idx ON t (a)", MigrationTracer.needlessAlarm(t, Set.of("t")));
    }

    @Test
    void anErrorOnAScanUnderAWriteBlockingLockOfAnExistingTableIsNotNeedless() {
        TracedStatement t = traced(predicted(Severity.ERROR), new TracedEffect("t", LockMode.SHARE, false, true));
        assertNull(MigrationTracer.needlessAlarm(t, Set.of("t")));
    }

    @Test
    void aScanOfATableTheFileCreatedIsHarmlessSoTheErrorIsNeedless() {
        TracedStatement t = traced(predicted(Severity.ERROR), new TracedEffect("t", LockMode.SHARE, false, true));
        assertEquals("line 3: PW101 on CREATE INDEX t_a_idx ON t (a)", MigrationTracer.needlessAlarm(t, Set.of()));
    }

    @Test
    void aScanUnderAWriteBlockingLockHeldSinceAnEarlierStatementIsNotNeedless() {
        // pg_locks shows only the new ACCESS SHARE; the SHARE ROW EXCLUSIVE held before covers the scan
        TraceResult observed = new TraceResult(List.of(new TracedEffect("t", LockMode.ACCESS_SHARE, false, true)), null,
                Map.of("t", LockMode.SHARE_ROW_EXCLUSIVE));
        TracedStatement t = TracedStatement.compare(predicted(Severity.ERROR), observed, null);
        assertNull(MigrationTracer.needlessAlarm(t, Set.of("t")));
    }

    @Test
    void aWarningIsNoAlarm() {
        TracedStatement t = traced(predicted(Severity.WARNING), new TracedEffect("t", LockMode.ACCESS_EXCLUSIVE, false, false));
        assertNull(MigrationTracer.needlessAlarm(t, Set.of("t")));
    }
}
