package dev.phasewise.django;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A statement belongs to the last operation whose SQL begins at or before it; BEGIN to the first. */
class PyFileLinesTest {
    private static final List<DjangoMigration.Operation> OPS = List.of(
            new DjangoMigration.Operation(2, 12, 9), new DjangoMigration.Operation(7, 17, 9));

    @Test
    void eachStatementGoesToItsOperation() {
        assertEquals(12, PyFileLines.operationAt(OPS, 1).line()); // BEGIN
        assertEquals(12, PyFileLines.operationAt(OPS, 5).line());
        assertEquals(12, PyFileLines.operationAt(OPS, 6).line());
        assertEquals(17, PyFileLines.operationAt(OPS, 7).line());
        assertEquals(17, PyFileLines.operationAt(OPS, 11).line()); // COMMIT
    }
}
