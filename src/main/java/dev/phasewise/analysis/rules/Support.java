package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.schema.Column;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.Identifiers;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/** Helpers the rules share: who is affected, how to word it, how to write the fix. */
final class Support {
    private Support() {
    }

    /** The table exists from before the migration and may hold rows (undeclared tables are assumed to). */
    static boolean hasRows(StatementContext ctx, QualifiedName table) {
        return ctx.relation(table).map(Relation::holdsExistingRows).orElse(true);
    }

    /** "blocks all reads and writes of t until commit", from the lock the statement takes on t. */
    static String effect(StatementContext ctx, QualifiedName table, LockMode fallback) {
        LockMode mode = ctx.lockOn(table);
        String name = ctx.describe(table);
        return (mode == null ? fallback : mode).effectOn(name) + " until commit";
    }

    static String q(QualifiedName name) {
        return name.schema() == null ? Identifiers.quote(name.name()) : name.quoted();
    }

    static String q(String identifier) {
        return Identifiers.quote(identifier);
    }

    /** The ALTER TABLE actions of this statement of the given type, when it alters a table. */
    static <T extends AlterAction> List<T> actions(StatementContext ctx, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (ctx.command() instanceof Command.AlterTable a && !a.objectKind().equals("index")
                && !a.objectKind().equals("sequence")) {
            for (AlterAction action : a.actions()) {
                if (type.isInstance(action)) {
                    out.add(type.cast(action));
                }
            }
        }
        return out;
    }

    /**
     * The columns an ALTER TABLE really adds: ADD COLUMN IF NOT EXISTS of a column the table
     * already has is skipped whole by PostgreSQL (a notice), its default and constraints with it.
     */
    static List<AlterAction.AddColumn> addedColumns(StatementContext ctx) {
        return actions(ctx, AlterAction.AddColumn.class).stream().filter(add -> !skipped(ctx, add)).toList();
    }

    private static boolean skipped(StatementContext ctx, AlterAction.AddColumn add) {
        return add.ifNotExists() && ctx.relation(alteredTable(ctx))
                .map(r -> r.column(add.column().name()).isPresent()).orElse(false);
    }

    /** The column was added by the migration being analysed (earlier in the file). */
    static boolean columnAddedByMigration(StatementContext ctx, QualifiedName table, String column) {
        return ctx.relation(table).flatMap(r -> r.column(column)).map(Column::addedByMigration).orElse(false);
    }

    /** The table an ALTER TABLE alters when it exists from before and may hold rows; else null. */
    static QualifiedName alteredTableWithRows(StatementContext ctx) {
        QualifiedName table = alteredTable(ctx);
        return table != null && hasRows(ctx, table) ? table : null;
    }

    static QualifiedName alteredTable(StatementContext ctx) {
        return ctx.command() instanceof Command.AlterTable a ? a.table() : null;
    }

    /** Every column type a statement declares (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE), with its table. */
    static void declaredTypes(StatementContext ctx, BiConsumer<String, TypeName> each) {
        Command c = ctx.command();
        if (c instanceof Command.CreateTable t) {
            for (ColumnDef col : t.columns()) {
                each.accept(t.name().display() + "." + col.name(), col.type());
            }
        } else if (c instanceof Command.AlterTable a && a.objectKind().equals("table")) {
            for (AlterAction action : a.actions()) {
                if (action instanceof AlterAction.AddColumn add && !skipped(ctx, add)) {
                    each.accept(a.table().display() + "." + add.column().name(), add.column().type());
                } else if (action instanceof AlterAction.AlterColumnType t) {
                    each.accept(a.table().display() + "." + t.column(), t.type());
                }
            }
        }
    }

    /** Column definitions a statement declares, with their table. */
    static void declaredColumns(StatementContext ctx, BiConsumer<QualifiedName, ColumnDef> each) {
        Command c = ctx.command();
        if (c instanceof Command.CreateTable t) {
            t.columns().forEach(col -> each.accept(t.name(), col));
        } else if (c instanceof Command.AlterTable a && a.objectKind().equals("table")) {
            addedColumns(ctx).forEach(add -> each.accept(a.table(), add.column()));
        }
    }

    /** The statement text with its first occurrence of {@code word} (case-insensitive) followed by {@code insert}. */
    static String insertAfterWord(String sql, String word, String insert) {
        int i = indexOfWord(sql, word);
        return i < 0 ? sql : sql.substring(0, i + word.length()) + insert + sql.substring(i + word.length());
    }

    static int indexOfWord(String sql, String word) {
        String lower = sql.toLowerCase(Locale.ROOT);
        String w = word.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int i = lower.indexOf(w, from);
            if (i < 0) {
                return -1;
            }
            boolean startOk = i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1)) && lower.charAt(i - 1) != '_';
            int end = i + w.length();
            boolean endOk = end >= lower.length() || !Character.isLetterOrDigit(lower.charAt(end)) && lower.charAt(end) != '_';
            if (startOk && endOk) {
                return i;
            }
            from = i + 1;
        }
    }

    /**
     * The statement with the type of column {@code col}, as written there, replaced by {@code replacement}; null
     * when that spelling cannot be found (a fix that changed nothing would only repeat the input). Works on the
     * tokens, so that another column of the same type, a quoted name or a {@code pg_catalog.} prefix is no trap.
     */
    static String replaceColumnType(StatementContext ctx, ColumnDef col, String replacement) {
        Statement st = ctx.statement();
        List<Token> t = st.tokens();
        for (int i = 1; i + 1 < t.size(); i++) {
            Token name = t.get(i);
            Token before = t.get(i - 1);
            boolean definesColumn = before.isSymbol("(") || before.isSymbol(",") || before.isWord("column")
                    || before.isWord("add") || before.isWord("exists");
            if (!definesColumn || !name.isIdentifier() || !name.text().equals(col.name())) {
                continue;
            }
            int end = typeEnd(t, i + 1, col.type());
            if (end >= 0) {
                String text = st.text();
                return semicolon(text.substring(0, t.get(i + 1).start() - st.offset()) + replacement
                        + text.substring(t.get(end).end() - st.offset()));
            }
        }
        return null;
    }

    /** The index of the last token of a one-word type name starting at {@code from} that spells {@code type}, or -1. */
    private static int typeEnd(List<Token> t, int from, TypeName type) {
        int at = from;
        if (at + 2 < t.size() && t.get(at).isWord("pg_catalog") && t.get(at + 1).isSymbol(".")) {
            at += 2;
        }
        Token word = t.get(at);
        if (!word.isIdentifier()) {
            return -1;
        }
        boolean spellsIt = TypeName.normalise(word.text()).equals(type.base())
                && TypeName.isSerialSpelling(word.text()) == type.serial()
                && !(at + 1 < t.size() && (t.get(at + 1).isSymbol("[") || t.get(at + 1).isWord("array")));
        return spellsIt ? at : -1;
    }

    static String semicolon(String sql) {
        return sql.endsWith(";") ? sql : sql + ";";
    }
}
