package dev.phasewise.convert;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One input statement as a rewrite sees it: its text and tokens, what it is, what it locks, its
 * findings, and the schema as it stands just before it runs.
 */
record Unit(String source, Statement statement, Command command, StatementResult analysis, SchemaModel schema,
            PgVersion version) {

    int index() {
        return statement.index();
    }

    String sql() {
        return statement.text();
    }

    List<Token> tokens() {
        return statement.tokens();
    }

    /** The source text from the first to the last of the given tokens (inclusive). */
    String text(int fromToken, int toToken) {
        return source.substring(tokens().get(fromToken).start(), tokens().get(toToken).end());
    }

    /** The table as the schema knows it before this statement, when it knows it. */
    Optional<Relation> relation(QualifiedName name) {
        return schema.find(name);
    }

    /**
     * True when the table existed before the migration (or is not declared, so may exist with rows):
     * a statement on a table the migration itself created touches no rows and is safe as written.
     */
    boolean existing(QualifiedName name) {
        return relation(name).map(r -> !r.createdByMigration()).orElse(true);
    }

    /** The tables this statement locks, by the names a plan uses. */
    Set<String> tables() {
        Set<String> out = new LinkedHashSet<>();
        for (TableEffect e : analysis.tables()) {
            out.add(e.relation().name().display());
        }
        return out;
    }

    /** The lock analysis' effect on one table, if the statement touches it. */
    Optional<TableEffect> effectOn(QualifiedName table) {
        return analysis.tables().stream().filter(e -> e.relation().name().sameAs(table)).findFirst();
    }
}
