package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The locks of DETACH PARTITION's three forms, as tablecmds.c takes them (PostgreSQL 14+). */
class DetachPartitionLocksTest {
    private static final String SCHEMA = """
            CREATE TABLE events (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            """;

    @Test
    void plainDetachLocksBothTablesAccessExclusive() {
        assertEquals(Map.of("events", LockMode.ACCESS_EXCLUSIVE, "events_2024", LockMode.ACCESS_EXCLUSIVE),
                locks("ALTER TABLE events DETACH PARTITION events_2024;"));
    }

    /** Its second transaction takes ACCESS EXCLUSIVE on the partition (seen waiting by ConcurrentTraceIT). */
    @Test
    void concurrentDetachTakesShareUpdateExclusiveOnTheParentAndAccessExclusiveOnThePartition() {
        assertEquals(Map.of("events", LockMode.SHARE_UPDATE_EXCLUSIVE, "events_2024", LockMode.ACCESS_EXCLUSIVE),
                locks("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;"));
    }

    /** FINALIZE: AT_DetachPartitionFinalize is SHARE UPDATE EXCLUSIVE; the partition is opened ACCESS EXCLUSIVE. */
    @Test
    void finalizeTakesShareUpdateExclusiveOnTheParentAndAccessExclusiveOnThePartition() {
        assertEquals(Map.of("events", LockMode.SHARE_UPDATE_EXCLUSIVE, "events_2024", LockMode.ACCESS_EXCLUSIVE),
                locks("ALTER TABLE events DETACH PARTITION events_2024 FINALIZE;"));
    }

    private static Map<String, LockMode> locks(String sql) {
        SchemaModel schema = SchemaFiles.of(SCHEMA);
        FileAnalysis a = new Analyzer(new PgVersion(17)).analyze("m.sql", sql, schema);
        return a.statements().get(0).tables().stream().collect(Collectors.toMap(TableEffect::name, TableEffect::lock));
    }
}
