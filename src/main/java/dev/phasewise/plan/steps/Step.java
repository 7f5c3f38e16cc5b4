package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.phasewise.plan.Action;
import dev.phasewise.plan.Check;
import dev.phasewise.plan.Rollback;

import java.util.List;

/**
 * A typed plan step. Every kind returns its SQL as data: forward actions, a rollback (or why
 * there is none), and verification queries; {@link #problems()} lists what is wrong with its
 * settings instead of throwing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AddColumn.class, name = "add-column"),
        @JsonSubTypes.Type(value = CreateIndex.class, name = "create-index"),
        @JsonSubTypes.Type(value = DropIndex.class, name = "drop-index"),
        @JsonSubTypes.Type(value = AddCheckConstraint.class, name = "add-check-constraint"),
        @JsonSubTypes.Type(value = ValidateConstraint.class, name = "validate-constraint"),
        @JsonSubTypes.Type(value = SetNotNull.class, name = "set-not-null"),
        @JsonSubTypes.Type(value = AddForeignKey.class, name = "add-foreign-key"),
        @JsonSubTypes.Type(value = AddUniqueConstraint.class, name = "add-unique-constraint"),
        @JsonSubTypes.Type(value = RenameColumn.class, name = "rename-column"),
        @JsonSubTypes.Type(value = ChangeColumnType.class, name = "change-column-type"),
        @JsonSubTypes.Type(value = SwapColumn.class, name = "swap-column"),
        @JsonSubTypes.Type(value = DropColumn.class, name = "drop-column"),
        @JsonSubTypes.Type(value = DropTrigger.class, name = "drop-trigger"),
        @JsonSubTypes.Type(value = CreateExtension.class, name = "create-extension"),
        @JsonSubTypes.Type(value = Backfill.class, name = "backfill"),
        @JsonSubTypes.Type(value = RawSql.class, name = "raw-sql")
})
public sealed interface Step permits AddColumn, CreateIndex, DropIndex, AddCheckConstraint, ValidateConstraint,
        SetNotNull, AddForeignKey, AddUniqueConstraint, RenameColumn, ChangeColumnType, SwapColumn, DropColumn,
        DropTrigger, CreateExtension, Backfill, RawSql {

    /** The plan-unique id (given, or derived from the kind and its objects). */
    String id();

    /** The kind name used in plan files. */
    String kind();

    /** One line for timelines and runbooks. */
    String title();

    List<Action> forward();

    Rollback rollback();

    List<Check> verify();

    /** This step's own lock_timeout (e.g. "5s"), overriding the plan's; null to use the plan's. */
    String lockTimeout();

    /** This step's own statement_timeout ("0" = none), overriding the plan's; null to use the plan's. */
    String statementTimeout();

    /** What is wrong with the step's settings; empty when it is usable. */
    List<String> problems();

    static String or(String given, String derived) {
        return given == null || given.isBlank() ? derived : given;
    }
}
