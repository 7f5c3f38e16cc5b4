package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE TABLE and ALTER TABLE (and ALTER VIEW/INDEX/MATERIALIZED VIEW/FOREIGN TABLE). */
final class TableDdlParser {
    private final Cursor c;
    private final DefinitionParser defs;

    TableDdlParser(Cursor cursor) {
        this.c = cursor;
        this.defs = new DefinitionParser(cursor);
    }

    /** After CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE. */
    Command createTable(boolean temporary) throws ParseException {
        boolean ifNotExists = c.acceptWords("if", "not", "exists");
        // a temporary table goes into the session's own schema, never into the path's first one
        QualifiedName name = temporary ? c.writtenName() : c.newName();
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        QualifiedName partitionOf = null;
        QualifiedName like = null;
        List<QualifiedName> inherits = List.of();
        boolean partitioned = false;
        List<String> partitionKey = List.of();
        QueryRefs asQuery = null;

        if (c.acceptWords("partition", "of")) {
            partitionOf = c.qualifiedName();
        } else if (c.acceptWord("of")) {
            c.qualifiedName();
        }
        if (c.isSymbol("(")) {
            int afterParen = c.position();
            if (isColumnNameListBeforeAs()) {
                c.identifierList();
            } else {
                c.reset(afterParen);
                c.expectSymbol("(");
                if (!c.acceptSymbol(")")) {
                    do {
                        if (c.acceptWord("like")) {
                            like = c.qualifiedName();
                            while (c.acceptWord("including") || c.acceptWord("excluding")) {
                                c.next();
                            }
                        } else if (defs.atTableConstraint()) {
                            constraints.add(defs.tableConstraint());
                        } else if (partitionOf != null && c.peek(1) != null && c.peek(1).isWord("with")) {
                            // a partition's column options: name WITH OPTIONS ...
                            c.skipUntil(Set.of());
                        } else {
                            columns.add(defs.columnDef());
                        }
                    } while (c.acceptSymbol(","));
                    c.expectSymbol(")");
                }
            }
        }
        boolean defaultPartition = false;
        if (partitionOf != null) {
            if (c.acceptWords("for", "values")) {
                c.skipUntil(Set.of("partition", "using", "with", "tablespace", "on"));
            } else {
                c.expectWord("default");
                defaultPartition = true;
            }
        }
        while (!c.atEnd()) {
            if (c.acceptWord("inherits")) {
                c.expectSymbol("(");
                inherits = c.qualifiedNameList();
                c.expectSymbol(")");
            } else if (c.acceptWords("partition", "by")) {
                partitioned = true;
                c.next();
                partitionKey = plainColumns(c.parenthesised());
            } else if (c.acceptWord("as")) {
                asQuery = QueryReader.read(c.remainingTokens(), c::expr, Set.of(), c.names());
                c.rest();
            } else if (c.acceptWord("using") || c.acceptWord("tablespace")) {
                c.identifier();
            } else if (c.acceptWord("with")) {
                if (c.isSymbol("(")) {
                    c.parenthesised();
                } else {
                    c.acceptWord("oids");
                }
            } else if (c.acceptWords("without", "oids")) {
                continue;
            } else if (c.acceptWords("on", "commit")) {
                c.next();
                c.acceptWord("rows");
            } else if (c.acceptWord("server")) {
                c.rest();
            } else {
                throw c.unexpected("unexpected text after the table definition");
            }
        }
        return new Command.CreateTable(name, ifNotExists, temporary, List.copyOf(columns), List.copyOf(constraints),
                partitionOf, defaultPartition, inherits, partitioned, asQuery, like, partitionKey);
    }

    /** "a, b" as [a, b]; empty when the key holds anything but column names (an expression, a collation). */
    private static List<String> plainColumns(List<Token> key) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            Token t = key.get(i);
            if (i % 2 == 0 ? !t.isIdentifier() : !t.isSymbol(",")) {
                return List.of();
            }
            if (i % 2 == 0) {
                columns.add(t.text());
            }
        }
        return key.size() % 2 == 1 ? columns : List.of();
    }

    /** CREATE TABLE t (a, b) AS SELECT ...: the parentheses hold bare names, then AS follows. */
    private boolean isColumnNameListBeforeAs() throws ParseException {
        int start = c.position();
        try {
            c.identifierList();
            return c.isWord("as") || c.isWord("with") && c.peek(1) != null && c.peek(1).isSymbol("(") || c.isWord("using");
        } catch (ParseException e) {
            return false;
        } finally {
            c.reset(start);
        }
    }

    /** After ALTER TABLE / ALTER VIEW / ...; objectKind names what followed ALTER. */
    Command alterTable(String objectKind) throws ParseException {
        if (c.isWords("all", "in", "tablespace")) {
            return new Command.Unanalysed("ALTER " + objectKind.toUpperCase() + " ALL IN TABLESPACE",
                    "moves every table of a tablespace; not modelled");
        }
        boolean ifExists = c.acceptWords("if", "exists");
        boolean only = c.acceptWord("only");
        QualifiedName table = c.qualifiedName();
        c.acceptSymbol("*");
        List<AlterAction> actions = new ArrayList<>();
        do {
            actions.add(action());
        } while (c.acceptSymbol(","));
        if (!c.atEnd()) {
            throw c.unexpected("expected \",\" or the end of the statement");
        }
        return new Command.AlterTable(table, objectKind, only, ifExists, List.copyOf(actions));
    }

    private AlterAction action() throws ParseException {
        if (c.acceptWord("add")) {
            if (!c.isWord("column") && defs.atTableConstraint()) {
                return new AlterAction.AddConstraint(defs.tableConstraint());
            }
            c.acceptWord("column");
            boolean ifNotExists = c.acceptWords("if", "not", "exists");
            return new AlterAction.AddColumn(defs.columnDef(), ifNotExists);
        }
        if (c.acceptWord("drop")) {
            if (c.acceptWord("constraint")) {
                boolean ifExists = c.acceptWords("if", "exists");
                String name = c.identifier();
                return new AlterAction.DropConstraint(name, ifExists, dropBehaviour());
            }
            c.acceptWord("column");
            boolean ifExists = c.acceptWords("if", "exists");
            String column = c.identifier();
            return new AlterAction.DropColumn(column, ifExists, dropBehaviour());
        }
        if (c.acceptWord("alter")) {
            if (c.acceptWord("constraint")) {
                String name = c.identifier();
                c.skipUntil(Set.of());
                return new AlterAction.Other("alter constraint", name);
            }
            c.acceptWord("column");
            return alterColumn(c.identifier());
        }
        if (c.acceptWords("validate", "constraint")) {
            return new AlterAction.ValidateConstraint(c.identifier());
        }
        if (c.acceptWord("rename")) {
            if (c.acceptWord("to")) {
                return new AlterAction.RenameTo(c.identifier());
            }
            if (c.acceptWord("constraint")) {
                String from = c.identifier();
                c.expectWord("to");
                return new AlterAction.RenameConstraint(from, c.identifier());
            }
            c.acceptWord("column");
            String from = c.identifier();
            c.expectWord("to");
            return new AlterAction.RenameColumn(from, c.identifier());
        }
        if (c.acceptWords("set", "schema")) {
            return new AlterAction.SetSchema(c.identifier());
        }
        if (c.acceptWords("attach", "partition")) {
            QualifiedName partition = c.qualifiedName();
            Expr bound = c.until(Set.of(), Set.of(","));
            return new AlterAction.AttachPartition(partition, bound);
        }
        if (c.acceptWords("detach", "partition")) {
            QualifiedName partition = c.qualifiedName();
            boolean concurrently = c.acceptWord("concurrently");
            boolean finalize = c.acceptWord("finalize");
            return new AlterAction.DetachPartition(partition, concurrently, finalize);
        }
        if (c.isWord("set") || c.isWord("reset")) {
            boolean reset = c.next().isWord("reset");
            if (c.isSymbol("(")) {
                return new AlterAction.StorageParameters(parameterNames());
            }
            if (reset) {
                throw c.unexpected("expected \"(\"");
            }
            return other("set " + setTarget(), null);
        }
        if (c.isWord("enable") || c.isWord("disable")) {
            String verb = c.next().text();
            c.acceptWord("replica");
            c.acceptWord("always");
            if (c.acceptWords("row", "level", "security")) {
                return new AlterAction.Other(verb + " row level security", null);
            }
            String what = c.next().text(); // trigger or rule
            c.skipUntil(Set.of());
            return new AlterAction.Other(verb + " " + what, null);
        }
        if (c.acceptWords("force", "row", "level", "security") || c.acceptWords("no", "force", "row", "level",
                "security")) {
            return new AlterAction.Other("force row level security", null);
        }
        if (c.acceptWords("cluster", "on")) {
            c.identifier();
            return new AlterAction.Other("cluster on", null);
        }
        if (c.acceptWord("inherit")) {
            return new AlterAction.Other("inherit", c.qualifiedName().display());
        }
        if (c.acceptWords("no", "inherit")) {
            return new AlterAction.Other("no inherit", c.qualifiedName().display());
        }
        if (c.acceptWords("owner", "to")) {
            c.next();
            return new AlterAction.Other("owner to", null);
        }
        if (c.acceptWords("replica", "identity")) {
            c.skipUntil(Set.of());
            return new AlterAction.Other("replica identity", null);
        }
        if (c.acceptWords("not", "of")) {
            return new AlterAction.Other("not of", null);
        }
        if (c.acceptWord("of")) {
            c.qualifiedName();
            return new AlterAction.Other("of", null);
        }
        if (c.acceptWords("depends", "on", "extension") || c.acceptWords("no", "depends", "on", "extension")) {
            c.identifier();
            return new AlterAction.Other("depends on extension", null);
        }
        throw c.unexpected("expected an ALTER TABLE action");
    }

    /** After SET (not SET SCHEMA, not SET (...)): TABLESPACE x, LOGGED, UNLOGGED, ACCESS METHOD x, WITHOUT ... */
    private String setTarget() throws ParseException {
        if (c.acceptWord("tablespace")) {
            c.identifier();
            return "tablespace";
        }
        if (c.acceptWord("logged")) {
            return "logged";
        }
        if (c.acceptWord("unlogged")) {
            return "unlogged";
        }
        if (c.acceptWords("access", "method")) {
            if (!c.acceptWord("default")) {
                c.identifier();
            }
            return "access method";
        }
        if (c.acceptWords("without", "cluster")) {
            return "without cluster";
        }
        if (c.acceptWords("without", "oids")) {
            return "without oids";
        }
        throw c.unexpected("expected TABLESPACE, LOGGED, UNLOGGED, ACCESS METHOD, WITHOUT, SCHEMA or \"(\"");
    }

    private AlterAction other(String name, String column) {
        return new AlterAction.Other(name, column);
    }

    private List<String> parameterNames() throws ParseException {
        List<String> names = new ArrayList<>();
        var inner = c.parenthesised();
        boolean expectName = true;
        for (var t : inner) {
            if (expectName && t.isIdentifier()) {
                StringBuilder name = new StringBuilder(t.text());
                names.add(name.toString());
                expectName = false;
            } else if (t.isSymbol(",")) {
                expectName = true;
            } else if (t.isSymbol(".") && !names.isEmpty()) {
                // toast.autovacuum_enabled: keep the qualified name
                expectName = false;
            }
        }
        return names;
    }

    private AlterAction alterColumn(String column) throws ParseException {
        if (c.acceptWords("set", "data", "type") || c.acceptWord("type")) {
            TypeName type = defs.typeName();
            String collation = null;
            if (c.acceptWord("collate")) {
                collation = c.writtenName().display();
            }
            Expr using = null;
            if (c.acceptWord("using")) {
                using = c.until(Set.of(), Set.of(","));
            }
            return new AlterAction.AlterColumnType(column, type, using, collation);
        }
        if (c.acceptWords("set", "default")) {
            Expr value = c.until(Set.of(), Set.of(","));
            if (value.tokens().isEmpty()) {
                throw c.unexpected("expected a DEFAULT expression");
            }
            return new AlterAction.SetDefault(column, value);
        }
        if (c.acceptWords("drop", "default")) {
            return new AlterAction.DropDefault(column);
        }
        if (c.acceptWords("set", "not", "null")) {
            return new AlterAction.SetNotNull(column);
        }
        if (c.acceptWords("drop", "not", "null")) {
            return new AlterAction.DropNotNull(column);
        }
        if (c.acceptWords("set", "expression", "as")) {
            c.parenthesised();
            return new AlterAction.GenerationExpression(column, false);
        }
        if (c.acceptWords("drop", "expression")) {
            c.acceptWords("if", "exists");
            return new AlterAction.GenerationExpression(column, true);
        }
        if (c.acceptWords("add", "generated")) {
            c.skipUntil(Set.of());
            return new AlterAction.Identity(column, "add");
        }
        if (c.acceptWords("drop", "identity")) {
            c.acceptWords("if", "exists");
            return new AlterAction.Identity(column, "drop");
        }
        if (c.acceptWords("set", "statistics")) {
            c.skipUntil(Set.of());
            return other("alter column set statistics", column);
        }
        if (c.acceptWords("set", "storage")) {
            c.next();
            return other("alter column set storage", column);
        }
        if (c.acceptWords("set", "compression")) {
            c.next();
            return other("alter column set compression", column);
        }
        if ((c.isWord("set") || c.isWord("reset")) && c.peek(1) != null && c.peek(1).isSymbol("(")) {
            c.next();
            c.parenthesised();
            return other("alter column set options", column);
        }
        if (c.isWord("set") || c.isWord("restart")) {
            c.skipUntil(Set.of());
            return new AlterAction.Identity(column, "set");
        }
        throw c.unexpected("expected an ALTER COLUMN action");
    }

    private boolean dropBehaviour() {
        if (c.acceptWord("cascade")) {
            return true;
        }
        c.acceptWord("restrict");
        return false;
    }
}
