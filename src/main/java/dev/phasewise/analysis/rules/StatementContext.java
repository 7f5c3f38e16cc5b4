package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.List;
import java.util.Optional;

/**
 * Everything a rule may look at for one statement, with the schema as it was before it.
 *
 * @param inCodeBlock the statement is inside a DO block or a called procedure: a finding reported about it later
 *                    (at the end of the file) points at its own line, not at the statement of the file holding it
 */
public record StatementContext(Statement statement, Command command, List<TableEffect> effects,
                               SchemaModel schema, PgVersion version, TransactionState tx, FileContext file,
                               boolean inCodeBlock) {

    public StatementContext(Statement statement, Command command, List<TableEffect> effects, SchemaModel schema,
                            PgVersion version, TransactionState tx, FileContext file) {
        this(statement, command, effects, schema, version, tx, file, false);
    }

    /** The line a late finding about this statement is placed at; 0 for the file's statement as a whole. */
    public int placeLine() {
        return inCodeBlock ? statement.line() : 0;
    }

    /** The column that goes with {@link #placeLine()}. */
    public int placeColumn() {
        return inCodeBlock ? statement.column() : 0;
    }

    /** The relation by name if the schema has it (declared, created earlier, or assumed). */
    public Optional<Relation> relation(QualifiedName name) {
        return schema.find(name);
    }

    /**
     * True when the named relation existed before the migration and may hold rows. A name
     * nothing declared is taken to exist with rows.
     */
    public boolean preexisting(QualifiedName name) {
        return schema.find(name).map(r -> !r.createdByMigration()).orElse(true);
    }

    /** The effect on the named relation, if the statement locks it. */
    public Optional<TableEffect> effectOn(QualifiedName name) {
        Optional<Relation> r = schema.find(name);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        return effects.stream().filter(e -> e.relation() == r.get()).findFirst();
    }

    /** The lock mode the statement takes on that relation, or null. */
    public LockMode lockOn(QualifiedName name) {
        return effectOn(name).map(TableEffect::lock).orElse(null);
    }

    public int index() {
        return statement.index();
    }

    /** Describes a relation for messages: its name, and its size when a catalog gave one. */
    public String describe(QualifiedName name) {
        return schema.find(name).map(Describe::relation).orElse(name.display());
    }
}
