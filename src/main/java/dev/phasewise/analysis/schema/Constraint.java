package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.Expr;
import dev.phasewise.analysis.sql.ForeignKeyRef;

import java.util.List;

/** A constraint on a table; {@code validated} is false while it is NOT VALID. */
public record Constraint(String name, ConstraintKind kind, List<String> columns, Expr check,
                         ForeignKeyRef references, boolean validated) {

    Constraint renamedColumn(String from, String to) {
        List<String> cols = columns.stream().map(c -> c.equals(from) ? to : c).toList();
        return new Constraint(name, kind, cols, check, references, validated);
    }

    Constraint withValidated(boolean value) {
        return new Constraint(name, kind, columns, check, references, value);
    }

    Constraint withName(String newName) {
        return new Constraint(newName, kind, columns, check, references, validated);
    }
}
