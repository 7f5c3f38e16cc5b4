package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/** Contract: drop a column no deployed code uses any more. */
@JsonTypeName("drop-column")
public record DropColumn(String id, String title, String table, String column,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public DropColumn(String id, String title, String table, String column) {
        this(id, title, table, column, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.table(table));
    }
    public String id() {
        return Step.or(id, "drop-column-" + table + "-" + column);
    }

    public String title() {
        return Step.or(title, "drop column " + table + "." + column);
    }

    public List<Action> forward() {
        return List.of(new Action(id() + "/drop", "ALTER TABLE " + Sql.table(table) + " DROP COLUMN IF EXISTS "
                + Sql.id(column), true));
    }

    public Rollback rollback() {
        return Rollback.irreversible("the column's data is gone once the drop commits; restore it from a backup");
    }

    public List<Check> verify() {
        return List.of(Checks.columnExists(table, column, false));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("column", column).done();
    }
}
