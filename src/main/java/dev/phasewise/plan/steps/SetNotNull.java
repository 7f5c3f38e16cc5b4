package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.Collections;
import java.util.List;

/**
 * Contract: SET NOT NULL without a scan under ACCESS EXCLUSIVE: a CHECK (col IS NOT NULL) NOT VALID,
 * validated under SHARE UPDATE EXCLUSIVE, lets SET NOT NULL skip its scan (PostgreSQL 12+);
 * the check is dropped afterwards.
 */
@JsonTypeName("set-not-null")
public record SetNotNull(String id, String title, String table, String column, String check,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public SetNotNull(String id, String title, String table, String column, String check) {
        this(id, title, table, column, check, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, Collections.singletonList(column)));
    }
    public String id() {
        return Step.or(id, "set-not-null-" + table + "-" + column);
    }

    public String title() {
        return Step.or(title, "set " + table + "." + column + " NOT NULL (through a validated check)");
    }

    private String checkName() {
        return Step.or(check, table.substring(table.indexOf('.') + 1) + "_" + column + "_not_null_check");
    }

    public List<Action> forward() {
        String t = Sql.table(table);
        String c = Sql.id(checkName());
        return List.of(
                new Action(id() + "/add-check", "ALTER TABLE " + t + " ADD CONSTRAINT " + c + " CHECK ("
                        + Sql.id(column) + " IS NOT NULL) NOT VALID", true),
                new Action(id() + "/validate-check", "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + c, true),
                new Action(id() + "/set-not-null", "ALTER TABLE " + t + " ALTER COLUMN " + Sql.id(column)
                        + " SET NOT NULL", true),
                new Action(id() + "/drop-check", "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + c, true));
    }

    public Rollback rollback() {
        return Rollback.of(
                new Action(id() + "/rollback", "ALTER TABLE " + Sql.table(table) + " ALTER COLUMN " + Sql.id(column)
                        + " DROP NOT NULL", true),
                new Action(id() + "/rollback-check", "ALTER TABLE " + Sql.table(table) + " DROP CONSTRAINT IF EXISTS "
                        + Sql.id(checkName()), true));
    }

    public List<Check> verify() {
        return List.of(Checks.columnNotNull(table, column));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("column", column).done();
    }
}
