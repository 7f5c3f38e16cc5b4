package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;

import java.util.Arrays;
import java.util.List;

/**
 * A typed plan step. Every kind returns its SQL as data: forward actions, a rollback (or why
 * there is none), and verification queries; {@link #problems()} lists what is wrong with its
 * settings instead of throwing.
 *
 * <p>A kind is a record listed in {@code permits} that names itself once, with {@code @JsonTypeName}:
 * {@link #kind()}, the plan files' {@code kind:} ({@link #types()}, registered with the plan files'
 * mappers) and the window's list of kinds all read that one name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
public sealed interface Step permits AddColumn, CreateIndex, DropIndex, AddCheckConstraint, ValidateConstraint,
        SetNotNull, AddForeignKey, AddUniqueConstraint, RenameColumn, RenameTable, ChangeColumnType, SwapColumn, DropColumn,
        DropTrigger, CreateExtension, Backfill, BatchedDelete, RawSql {

    /** The plan-unique id (given, or derived from the kind and its objects). */
    String id();

    /** The kind name used in plan files (its record's {@code @JsonTypeName}). */
    default String kind() {
        return kindOf(getClass());
    }

    /** What the step reads from the database as it stands: the preflight checks that these exist. */
    default List<Reference> reads() {
        return List.of();
    }

    /**
     * A table a step needs, and the columns of it that it reads (none: only the table). A table
     * that an earlier step creates or a column it adds counts as existing.
     */
    record Reference(String table, List<String> columns) {
        public static Reference table(String table) {
            return new Reference(table, List.of());
        }

        public static Reference columns(String table, List<String> columns) {
            return new Reference(table, columns == null ? List.of() : List.copyOf(columns));
        }
    }

    /** The plan-file name of a kind of step. */
    static String kindOf(Class<?> kind) {
        JsonTypeName name = kind.getAnnotation(JsonTypeName.class);
        if (name == null) {
            throw new IllegalStateException(kind.getSimpleName() + " has no @JsonTypeName: every step kind names itself");
        }
        return name.value();
    }

    /** Every kind of step, in the order {@code permits} lists them, for the plan files' mappers. */
    static List<NamedType> types() {
        return Arrays.stream(Step.class.getPermittedSubclasses()).map(c -> new NamedType(c, kindOf(c))).toList();
    }

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
