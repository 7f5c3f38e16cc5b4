package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.Bytes;
import dev.phasewise.analysis.schema.Relation;

/** Human wording shared by rule messages. */
final class Describe {
    private Describe() {
    }

    static String relation(Relation r) {
        if (r.estimatedRows() < 0) {
            return r.name().display();
        }
        return r.name().display() + " (" + rows(r.estimatedRows()) + " rows, " + Bytes.table(r.size()) + ")";
    }

    static String rows(long n) {
        return Bytes.rows(n);
    }
}
