package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.FileAnalysis;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PW105's fix must be one PostgreSQL accepts: DETACH PARTITION ... CONCURRENTLY is refused
 * ("cannot detach partitions concurrently when a default partition exists") when the partitioned
 * table has a default partition.
 */
class RequireConcurrentPartitionDetachTest {
    private static final String SCHEMA = """
            CREATE TABLE events (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE metrics (name text NOT NULL) PARTITION BY LIST (name);
            CREATE TABLE metrics_a PARTITION OF metrics FOR VALUES IN ('a');
            """;

    private static Finding pw105(String sql, String schema) {
        FileAnalysis a = RuleFixturesTest.analyze("m.sql", sql, schema);
        List<Finding> found = a.statements().get(0).findings().stream()
                .filter(f -> f.rule().id().equals("PW105")).toList();
        assertEquals(1, found.size(), a.statements().get(0).findings().toString());
        return found.get(0);
    }

    @Test
    void withoutADefaultPartitionTheFixIsConcurrently() {
        Finding f = pw105("ALTER TABLE metrics DETACH PARTITION metrics_a;", SCHEMA);
        assertTrue(f.fix().contains("DETACH PARTITION \"metrics_a\" CONCURRENTLY"), f.fix());
    }

    @Test
    void withADefaultPartitionTheFixDoesNotOfferConcurrently() {
        String schema = SCHEMA + "CREATE TABLE events_default PARTITION OF events DEFAULT;\n";
        Finding f = pw105("ALTER TABLE events DETACH PARTITION events_2025;", schema);
        assertFalse(f.fix().contains("CONCURRENTLY;"), f.fix());
        assertTrue(f.fix().contains("default partition"), f.fix());
        assertTrue(f.fix().contains("lock_timeout"), f.fix());
    }
}
