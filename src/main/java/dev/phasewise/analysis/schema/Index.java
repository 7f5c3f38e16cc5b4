package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.parse.Lexer;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An index: the table it belongs to, its key (plain column names; expressions as text), and
 * whether it is unique, partial or (after a failed concurrent build) invalid. {@code plain}: a
 * b-tree on plain columns with nothing else in its definition (no operator class, order, INCLUDE,
 * WITH or WHERE), so that its columns alone say how to build it again; false for the index of a
 * constraint, whose INCLUDE or WITH the model does not keep. {@code predicate}: the WHERE
 * condition's text of a partial index, else null.
 */
public record Index(QualifiedName name, QualifiedName table, List<String> columns, boolean unique,
                    boolean partial, boolean valid, boolean plain, String predicate) {

    public Index(QualifiedName name, QualifiedName table, List<String> columns, boolean unique, boolean partial,
                 boolean valid, boolean plain) {
        this(name, table, columns, unique, partial, valid, plain, null);
    }

    // written out, as QualifiedName.Key's are: a record's generated ones spin classes on first use, which no
    // AOT cache holds (an index renamed or replaced compares indexes in every lint of such a migration)
    @Override
    public boolean equals(Object o) {
        return o instanceof Index i && Objects.equals(name, i.name) && Objects.equals(table, i.table)
                && Objects.equals(columns, i.columns) && unique == i.unique && partial == i.partial && valid == i.valid
                && plain == i.plain && Objects.equals(predicate, i.predicate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, table, columns, unique, partial, valid, plain, predicate);
    }

    /** The same index under another name, or on renamed columns, or with its validity changed. */
    public Index with(QualifiedName newName, QualifiedName newTable, List<String> newColumns, boolean isValid) {
        return new Index(newName, newTable, newColumns, unique, partial, isValid, plain, predicate);
    }

    /**
     * True when an ALTER COLUMN TYPE of {@code column} builds this index again (reading the whole table)
     * even where the table is not rewritten: the index depends on the column (a key column, or named
     * in a key expression or the WHERE condition) and has an expression or a WHERE condition, or is
     * invalid. PostgreSQL keeps only indexes it can prove unchanged, and it does not assess
     * expressions or predicates (CheckIndexCompatible, indexcmds.c, every version since 9.1).
     */
    public boolean rebuiltByTypeChangeOf(String column) {
        boolean expressions = columns.stream().anyMatch(Index::isExpression);
        if (!(expressions || partial || !valid)) {
            return false;
        }
        if (columns.contains(column) || predicate != null && names(predicate).contains(column)) {
            return true;
        }
        // a partial index whose condition the model does not hold may name the column too: assume it does not
        return columns.stream().filter(Index::isExpression).anyMatch(e -> names(e).contains(column));
    }

    /** A key element kept as expression text rather than a column name (an index expression is a call or in parentheses). */
    private static boolean isExpression(String element) {
        return element.contains("(");
    }

    /** The identifiers an expression names that are not function names: the columns it may read. */
    private static List<String> names(String expression) {
        List<Token> tokens = new ArrayList<>();
        Lexer lexer = new Lexer(expression);
        for (Token t; (t = lexer.next()) != null; ) {
            tokens.add(t);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            boolean castType = i > 0 && tokens.get(i - 1).isSymbol("::");
            if (tokens.get(i).isIdentifier() && !call && !castType) {
                out.add(tokens.get(i).text());
            }
        }
        return out;
    }

    /** True when the index can serve a lookup on these columns: they form a prefix of its key. */
    public boolean leadsWith(List<String> lookupColumns) {
        if (lookupColumns.isEmpty() || columns.size() < lookupColumns.size()) {
            return false;
        }
        return columns.subList(0, lookupColumns.size()).containsAll(lookupColumns);
    }
}
