package dev.phasewise.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropInFixTest {
    @Test
    void dropInFixesAreSqlNotAdvice() {
        assertTrue(DropInFix.test("CREATE INDEX CONCURRENTLY i ON t (c);"));
        assertFalse(DropInFix.test("-- merge into statement 3: ALTER TABLE \"t\" <action 1>, <action 2>;"));
        assertFalse(DropInFix.test("Build the index with CREATE INDEX CONCURRENTLY, outside a transaction block."));
        assertFalse(DropInFix.test(null));
    }
}
