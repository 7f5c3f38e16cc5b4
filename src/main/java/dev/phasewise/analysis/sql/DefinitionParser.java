package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the shared pieces of table DDL: type names, column definitions and table constraints. */
final class DefinitionParser {
    /** Words that end a column's DEFAULT expression or type at depth zero. */
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of(
            "constraint", "not", "null", "check", "unique", "primary", "references", "generated", "collate",
            "default", "deferrable", "initially", "compression", "storage", "using", "enforced");

    private final Cursor c;

    DefinitionParser(Cursor cursor) {
        this.c = cursor;
    }

    // ---------------------------------------------------------------- types

    TypeName typeName() throws ParseException {
        Token first = c.peek();
        if (first == null || !first.isIdentifier()) {
            throw c.unexpected("expected a type name");
        }
        String spelled;
        List<String> modifiers = new ArrayList<>();
        if (c.acceptWords("double", "precision")) {
            spelled = "double precision";
        } else if (c.acceptWords("character", "varying") || c.acceptWords("char", "varying")
                || c.acceptWords("national", "character", "varying")) {
            spelled = "varchar";
        } else if (c.acceptWords("bit", "varying")) {
            spelled = "varbit";
        } else if (c.isWord("timestamp") || c.isWord("time")) {
            spelled = c.next().text();
            if (c.isSymbol("(")) {
                modifiers.addAll(modifierList());
            }
            if (c.acceptWords("with", "time", "zone")) {
                spelled = spelled.equals("time") ? "timetz" : "timestamptz";
            } else {
                c.acceptWords("without", "time", "zone");
            }
            return new TypeName(TypeName.normalise(spelled), modifiers, arrayDimensions(), false);
        } else if (c.isWord("interval")) {
            c.next();
            spelled = "interval";
            while (c.peek() != null && Set.of("year", "month", "day", "hour", "minute", "second", "to")
                    .contains(c.peek().text())) {
                c.next();
            }
        } else {
            QualifiedName name = c.writtenName();
            // a type the path finds in another schema is filed under "schema.name"; built-in types stay as written
            spelled = name.schema() == null ? c.names().type(name.name()) : name.schema() + "." + name.name();
        }
        if (c.isSymbol("(")) {
            modifiers.addAll(modifierList());
        }
        if (spelled.equals("interval") && c.isSymbol("(")) {
            modifiers.addAll(modifierList());
        }
        boolean serial = TypeName.isSerialSpelling(spelled);
        return new TypeName(TypeName.normalise(spelled), modifiers, arrayDimensions(), serial);
    }

    private List<String> modifierList() throws ParseException {
        List<String> mods = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Token t : c.parenthesised()) {
            if (t.isSymbol(",")) {
                mods.add(current.toString());
                current.setLength(0);
            } else {
                current.append(t.text());
            }
        }
        mods.add(current.toString());
        return mods;
    }

    private int arrayDimensions() throws ParseException {
        int dims = 0;
        while (true) {
            if (c.isSymbol("[")) {
                c.next();
                while (!c.atEnd() && !c.isSymbol("]")) {
                    c.next();
                }
                c.expectSymbol("]");
                dims++;
            } else if (c.acceptWord("array")) {
                if (c.acceptSymbol("[")) {
                    while (!c.atEnd() && !c.isSymbol("]")) {
                        c.next();
                    }
                    c.expectSymbol("]");
                }
                dims++;
            } else {
                return dims;
            }
        }
    }

    // ---------------------------------------------------------------- columns

    ColumnDef columnDef() throws ParseException {
        String name = c.identifier();
        TypeName type = typeName();
        boolean notNull = false;
        Expr defaultValue = null;
        String generated = null;
        Expr generationExpr = null;
        List<TableConstraint> constraints = new ArrayList<>();
        while (!c.atEnd() && !c.isSymbol(",") && !c.isSymbol(")")) {
            String constraintName = null;
            if (c.acceptWord("constraint")) {
                constraintName = c.identifier();
            }
            if (c.acceptWords("not", "null")) {
                notNull = true;
                c.acceptWords("no", "inherit");
            } else if (c.acceptWord("null")) {
                notNull = false;
            } else if (c.acceptWord("default")) {
                defaultValue = c.isWord("null") ? c.expr(List.of(c.next())) : c.until(COLUMN_CONSTRAINT_WORDS, Set.of(",", ")"));
                if (defaultValue.tokens().isEmpty()) {
                    throw c.unexpected("expected a DEFAULT expression");
                }
            } else if (c.acceptWord("check")) {
                Expr check = c.expr(c.parenthesised());
                c.acceptWords("no", "inherit");
                boolean notValid = c.acceptWords("not", "valid");
                constraints.add(new TableConstraint(constraintName, ConstraintKind.CHECK, List.of(name), check,
                        null, null, notValid));
            } else if (c.acceptWord("unique")) {
                skipIndexParameters();
                constraints.add(new TableConstraint(constraintName, ConstraintKind.UNIQUE, List.of(name), null,
                        null, null, false));
            } else if (c.acceptWords("primary", "key")) {
                skipIndexParameters();
                notNull = true;
                constraints.add(new TableConstraint(constraintName, ConstraintKind.PRIMARY_KEY, List.of(name), null,
                        null, null, false));
            } else if (c.acceptWord("references")) {
                ForeignKeyRef ref = references();
                constraints.add(new TableConstraint(constraintName, ConstraintKind.FOREIGN_KEY, List.of(name), null,
                        ref, null, c.acceptWords("not", "valid")));
            } else if (c.acceptWord("generated")) {
                if (c.acceptWords("always", "as", "identity") || c.acceptWords("by", "default", "as", "identity")) {
                    generated = "identity";
                    notNull = true;
                    if (c.isSymbol("(")) {
                        c.parenthesised();
                    }
                } else {
                    c.expectWord("always");
                    c.expectWord("as");
                    generationExpr = c.expr(c.parenthesised());
                    generated = c.acceptWord("stored") ? "stored" : c.acceptWord("virtual") ? "virtual" : "default";
                }
            } else if (c.acceptWord("collate")) {
                c.writtenName();
            } else if (c.acceptWord("compression") || c.acceptWord("storage")) {
                c.next();
            } else if (c.acceptWords("not", "deferrable") || c.acceptWord("enforced")) {
                continue;
            } else if (c.acceptWord("deferrable") || c.acceptWords("not", "enforced") || c.isWord("initially")) {
                if (c.acceptWord("initially")) {
                    c.next();
                }
                // these belong to the foreign key before them, which the model then cannot make again from its parts
                constraints.replaceAll(k -> k.references() == null ? k : new TableConstraint(k.name(), k.kind(),
                        k.columns(), k.check(), k.references().notPlain(), k.usingIndex(), k.notValid()));
            } else {
                throw c.unexpected("expected a column constraint");
            }
        }
        if (type.serial()) {
            notNull = true;
        }
        return new ColumnDef(name, type, notNull, defaultValue, generated, generationExpr, List.copyOf(constraints));
    }

    /** After REFERENCES: table [(cols)] [MATCH ...] [ON DELETE ...] [ON UPDATE ...]. */
    ForeignKeyRef references() throws ParseException {
        QualifiedName table = c.qualifiedName();
        List<String> columns = c.isSymbol("(") ? c.identifierList() : List.of();
        String onDelete = "no action";
        boolean plain = true;
        while (true) {
            if (c.acceptWord("match")) {
                c.next();
                plain = false;
            } else if (c.acceptWords("on", "delete")) {
                onDelete = referentialAction();
                plain &= !actionColumns;
            } else if (c.acceptWords("on", "update")) {
                referentialAction();
                plain = false;
            } else {
                break;
            }
        }
        return new ForeignKeyRef(table, columns, onDelete, plain);
    }

    /** Whether the last referential action named columns (ON DELETE SET NULL (a), PostgreSQL 15+). */
    private boolean actionColumns;

    private String referentialAction() throws ParseException {
        String action;
        if (c.acceptWords("set", "null")) {
            action = "set null";
        } else if (c.acceptWords("set", "default")) {
            action = "set default";
        } else if (c.acceptWords("no", "action")) {
            action = "no action";
        } else {
            action = c.next().text();
        }
        actionColumns = action.startsWith("set") && c.isSymbol("(");
        if (actionColumns) {
            c.identifierList();
        }
        return action;
    }

    /** [NULLS [NOT] DISTINCT] [INCLUDE (...)] [WITH (...)] [USING INDEX TABLESPACE name]. */
    private void skipIndexParameters() throws ParseException {
        while (true) {
            if (c.acceptWords("nulls", "not", "distinct") || c.acceptWords("nulls", "distinct")) {
                continue;
            }
            if (c.acceptWord("include") || c.acceptWord("with")) {
                c.parenthesised();
            } else if (c.acceptWords("using", "index", "tablespace")) {
                c.identifier();
            } else {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- table constraints

    boolean atTableConstraint() {
        return c.isWord("constraint") || c.isWord("check") || c.isWord("unique") || c.isWords("primary", "key")
                || c.isWord("exclude") || c.isWords("foreign", "key") || c.isWords("not", "null");
    }

    TableConstraint tableConstraint() throws ParseException {
        String name = null;
        if (c.acceptWord("constraint")) {
            name = c.identifier();
        }
        ConstraintKind kind;
        List<String> columns = List.of();
        Expr check = null;
        ForeignKeyRef ref = null;
        String usingIndex = null;
        if (c.acceptWord("check")) {
            kind = ConstraintKind.CHECK;
            check = c.expr(c.parenthesised());
        } else if (c.acceptWord("unique") || c.acceptWords("primary", "key")) {
            kind = c.previous().isWord("key") ? ConstraintKind.PRIMARY_KEY : ConstraintKind.UNIQUE;
            c.acceptWords("nulls", "not", "distinct");
            c.acceptWords("nulls", "distinct");
            if (c.acceptWords("using", "index")) {
                usingIndex = c.identifier();
            } else {
                columns = c.identifierList();
                skipIndexParameters();
            }
        } else if (c.acceptWord("exclude")) {
            kind = ConstraintKind.EXCLUDE;
            if (c.acceptWord("using")) {
                c.identifier();
            }
            c.parenthesised();
            skipIndexParameters();
            if (c.acceptWord("where")) {
                c.parenthesised();
            }
        } else if (c.acceptWords("foreign", "key")) {
            kind = ConstraintKind.FOREIGN_KEY;
            columns = c.identifierList();
            c.expectWord("references");
            ref = references();
        } else if (c.acceptWords("not", "null")) {
            kind = ConstraintKind.NOT_NULL;
            columns = List.of(c.identifier());
        } else {
            throw c.unexpected("expected CHECK, UNIQUE, PRIMARY KEY, EXCLUDE, FOREIGN KEY or NOT NULL");
        }
        boolean notValid = false;
        while (true) {
            if (c.acceptWords("not", "valid")) {
                notValid = true;
            } else if (c.acceptWords("no", "inherit") || c.acceptWords("not", "deferrable")
                    || c.acceptWord("enforced")) {
                continue;
            } else if (c.acceptWord("deferrable") || c.acceptWords("not", "enforced")) {
                ref = ref == null ? null : ref.notPlain();
            } else if (c.acceptWord("initially")) {
                c.next();
                ref = ref == null ? null : ref.notPlain();
            } else {
                break;
            }
        }
        return new TableConstraint(name, kind, columns, check, ref, usingIndex, notValid);
    }
}
