package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;
import dev.phasewise.analysis.pg.LockMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies a statement into a {@link Command}. It reads the parts of PostgreSQL's grammar that
 * decide locks and risks, checks enough of the syntax to name a typo, and never throws: invalid
 * SQL becomes {@link Command.Invalid} with its position.
 */
public final class CommandParser {
    private static final Set<String> NO_LOCK_COMMANDS = Set.of("show", "checkpoint", "discard", "listen", "notify",
            "unlisten", "load", "deallocate", "prepare", "fetch", "move", "close", "declare", "reassign", "security",
            "import");

    private final Cursor c;

    private CommandParser(Cursor cursor) {
        this.c = cursor;
    }

    /** The statement's command, its names as written (unqualified means public). */
    public static Command parse(Statement statement) {
        return parse(statement, NameResolver.AS_WRITTEN);
    }

    /** The statement's command, its names resolved as the server resolves them at this point of the migration. */
    public static Command parse(Statement statement, NameResolver names) {
        for (Token t : statement.tokens()) {
            if (t.type() == TokenType.UNTERMINATED) {
                return new Command.Invalid("unterminated " + t.text(), t.line(), t.column());
            }
        }
        Cursor cursor = new Cursor(statement.tokens(), statement.text(), statement.offset(), names);
        try {
            Command command = new CommandParser(cursor).command();
            if (!cursor.atEnd() && !(command instanceof Command.Unanalysed) && !(command instanceof Command.NoTableLocks)) {
                throw cursor.unexpected("unexpected text at the end of the statement");
            }
            return command;
        } catch (ParseException e) {
            Token t = e.token() != null ? e.token() : statement.tokens().get(0);
            return new Command.Invalid(e.getMessage(), t.line(), t.column());
        }
    }

    private Command command() throws ParseException {
        Token first = c.peek();
        if (first.isSymbol("(")) {
            return new DmlParser(c).select();
        }
        if (first.type() != TokenType.WORD) {
            throw c.unexpected("a statement starts with a command such as CREATE, ALTER or SELECT");
        }
        String w = first.text();
        switch (w) {
            case "select":
            case "values":
            case "table":
                return new DmlParser(c).select();
            case "with":
                return new DmlParser(c).withStatement();
            case "insert":
                c.next();
                return new DmlParser(c).insert();
            case "update":
                c.next();
                return new DmlParser(c).update();
            case "delete":
                c.next();
                return new DmlParser(c).delete();
            case "merge":
                c.next();
                return new DmlParser(c).merge();
            case "copy":
                c.next();
                return new DmlParser(c).copy();
            case "create":
                c.next();
                return new CreateParser(c).create();
            case "alter":
                c.next();
                return alter();
            case "drop":
                c.next();
                return new DropParser(c).drop();
            default:
                break;
        }
        c.next();
        switch (w) {
            case "begin":
            case "start":
                c.acceptWord("transaction");
                c.acceptWord("work");
                c.rest();
                return new Command.Transaction("begin");
            case "commit":
            case "end":
                if (c.acceptWord("prepared")) {
                    c.rest();
                    return new Command.Transaction("commit prepared");
                }
                c.rest();
                return new Command.Transaction("commit");
            case "rollback":
            case "abort":
                return rollback();
            case "savepoint":
                c.identifier();
                return new Command.Transaction("savepoint");
            case "release":
                c.acceptWord("savepoint");
                c.identifier();
                return new Command.Transaction("release");
            case "set":
                return set();
            case "reset":
                String name = c.atEnd() ? "all" : c.writtenName().display();
                return new Command.SetVariable(name, null, false);
            case "truncate":
                return truncate();
            case "reindex":
                return reindex();
            case "cluster":
                return cluster();
            case "vacuum":
                return vacuum();
            case "analyze":
            case "analyse":
                return analyze();
            case "lock":
                return lock();
            case "comment":
                return new MiscParser(c).comment();
            case "grant":
            case "revoke":
                return new MiscParser(c).grant(w.equals("revoke"));
            case "refresh":
                return refresh();
            case "explain":
                return explain();
            case "do":
                c.rest();
                return new Command.Unanalysed("DO", "an anonymous code block can take any lock; "
                        + "Phasewise cannot see inside it");
            case "call":
            case "execute":
                c.rest();
                return new Command.Unanalysed(w.toUpperCase(Locale.ROOT), "runs code that can take any lock; "
                        + "Phasewise cannot see inside it");
            default:
                if (NO_LOCK_COMMANDS.contains(w)) {
                    if (w.equals("prepare") && c.isWord("transaction")) {
                        c.rest();
                        return new Command.Transaction("prepare transaction");
                    }
                    c.rest();
                    return new Command.NoTableLocks(w.toUpperCase(Locale.ROOT));
                }
                c.reset(0);
                throw c.unexpected("not a PostgreSQL command");
        }
    }

    private Command rollback() throws ParseException {
        if (c.acceptWord("prepared")) {
            c.rest();
            return new Command.Transaction("rollback prepared");
        }
        c.acceptWord("transaction");
        c.acceptWord("work");
        if (c.acceptWord("to")) {
            c.acceptWord("savepoint");
            c.identifier();
            return new Command.Transaction("rollback to savepoint");
        }
        c.rest();
        return new Command.Transaction("rollback");
    }

    private Command set() throws ParseException {
        boolean local = c.acceptWord("local");
        c.acceptWord("session");
        if (c.isWord("transaction") || c.isWord("constraints") || c.isWord("role") || c.isWord("authorization")
                || c.isWords("session", "authorization") || c.isWords("time", "zone")) {
            String what = c.next().text();
            c.rest();
            return new Command.SetVariable(what, "", local);
        }
        String name = c.writtenName().display();
        if (!c.acceptWord("to") && !c.acceptSymbol("=")) {
            throw c.unexpected("expected TO or \"=\"");
        }
        Expr value = c.rest();
        if (value.tokens().isEmpty()) {
            throw c.unexpected("expected a value");
        }
        String v = value.tokens().size() == 1 && value.tokens().get(0).type() == TokenType.STRING
                ? Literals.stringValue(value.text()) : value.text();
        return new Command.SetVariable(name, v, local);
    }

    private Command alter() throws ParseException {
        TableDdlParser ddl = new TableDdlParser(c);
        if (c.acceptWord("table")) {
            return ddl.alterTable("table");
        }
        if (c.acceptWords("foreign", "table")) {
            return ddl.alterTable("foreign table");
        }
        if (c.acceptWord("view")) {
            return ddl.alterTable("view");
        }
        if (c.acceptWords("materialized", "view")) {
            return ddl.alterTable("materialized view");
        }
        if (c.acceptWord("index")) {
            return ddl.alterTable("index");
        }
        if (c.acceptWord("sequence")) {
            return alterSequence(ddl);
        }
        return new MiscParser(c).alterOther();
    }

    private Command alterSequence(TableDdlParser ddl) throws ParseException {
        int start = c.position();
        c.acceptWords("if", "exists");
        QualifiedName name = c.qualifiedName();
        if (c.isWord("rename") || c.isWords("set", "schema") || c.isWords("owner", "to")
                || c.isWords("set", "logged") || c.isWords("set", "unlogged")) {
            c.reset(start);
            return ddl.alterTable("sequence");
        }
        QualifiedName ownedBy = new MiscParser(c).sequenceOwnedBy();
        return new Command.AlterSequence(name, ownedBy);
    }

    private Command truncate() throws ParseException {
        c.acceptWord("table");
        List<QualifiedName> tables = c.qualifiedNameList();
        boolean cascade = false;
        while (!c.atEnd()) {
            if (c.acceptWord("cascade")) {
                cascade = true;
            } else if (c.acceptWords("restart", "identity") || c.acceptWords("continue", "identity")
                    || c.acceptWord("restrict")) {
                continue;
            } else {
                throw c.unexpected("expected CASCADE, RESTRICT or RESTART IDENTITY");
            }
        }
        return new Command.Truncate(tables, cascade);
    }

    private boolean options() throws ParseException {
        boolean concurrently = false;
        if (c.isSymbol("(")) {
            for (Token t : c.parenthesised()) {
                if (t.isWord("concurrently")) {
                    concurrently = true;
                }
            }
        }
        return concurrently;
    }

    private Command reindex() throws ParseException {
        boolean concurrently = options();
        String target = c.next().text();
        if (!Set.of("index", "table", "schema", "database", "system").contains(target)) {
            c.reset(c.position() - 1);
            throw c.unexpected("expected INDEX, TABLE, SCHEMA, DATABASE or SYSTEM");
        }
        concurrently |= c.acceptWord("concurrently");
        QualifiedName name = c.atEnd() ? null : c.qualifiedName();
        return new Command.Reindex(target, name, concurrently);
    }

    private Command cluster() throws ParseException {
        options();
        c.acceptWord("verbose");
        if (c.atEnd()) {
            return new Command.Cluster(null, null);
        }
        QualifiedName first = c.qualifiedName();
        if (c.acceptWord("on")) {
            // pre-8.3 syntax: CLUSTER index ON table
            return new Command.Cluster(c.qualifiedName(), first.name());
        }
        String index = c.acceptWord("using") ? c.identifier() : null;
        return new Command.Cluster(first, index);
    }

    private Command vacuum() throws ParseException {
        boolean full = false;
        boolean analyze = false;
        if (c.isSymbol("(")) {
            List<Token> opts = c.parenthesised();
            for (int i = 0; i < opts.size(); i++) {
                Token t = opts.get(i);
                boolean off = i + 1 < opts.size() && (opts.get(i + 1).isWord("false") || opts.get(i + 1).isWord("off")
                        || opts.get(i + 1).text().equals("0"));
                if (t.isWord("full") && !off) {
                    full = true;
                } else if ((t.isWord("analyze") || t.isWord("analyse")) && !off) {
                    analyze = true;
                }
            }
        } else {
            while (c.isWord("full") || c.isWord("freeze") || c.isWord("verbose") || c.isWord("analyze")
                    || c.isWord("analyse")) {
                String opt = c.next().text();
                full |= opt.equals("full");
                analyze |= opt.startsWith("analy");
            }
        }
        return new Command.Vacuum(full, analyze, tableListWithColumns());
    }

    private Command analyze() throws ParseException {
        options();
        c.acceptWord("verbose");
        return new Command.Analyze(tableListWithColumns());
    }

    private List<QualifiedName> tableListWithColumns() throws ParseException {
        List<QualifiedName> tables = new ArrayList<>();
        if (c.atEnd()) {
            return tables;
        }
        do {
            c.acceptWord("only");
            tables.add(c.qualifiedName());
            if (c.isSymbol("(")) {
                c.identifierList();
            }
        } while (c.acceptSymbol(","));
        return tables;
    }

    private Command lock() throws ParseException {
        c.acceptWord("table");
        boolean only = c.isWord("only");
        List<QualifiedName> tables = c.qualifiedNameList();
        LockMode mode = LockMode.ACCESS_EXCLUSIVE;
        if (c.acceptWord("in")) {
            StringBuilder words = new StringBuilder();
            while (!c.atEnd() && !c.isWord("mode")) {
                words.append(c.next().text()).append(' ');
            }
            c.expectWord("mode");
            try {
                mode = LockMode.fromSqlName(words.toString());
            } catch (IllegalArgumentException e) {
                throw new ParseException("syntax error: unknown lock mode " + words.toString().trim(), c.previous());
            }
        }
        c.acceptWord("nowait");
        return new Command.Lock(tables, mode, only);
    }

    private Command refresh() throws ParseException {
        c.expectWord("materialized");
        c.expectWord("view");
        boolean concurrently = c.acceptWord("concurrently");
        QualifiedName name = c.qualifiedName();
        boolean withData = true;
        if (c.acceptWords("with", "no", "data")) {
            withData = false;
        } else {
            c.acceptWords("with", "data");
        }
        return new Command.RefreshMaterializedView(name, concurrently, withData);
    }

    private Command explain() throws ParseException {
        boolean analyze = false;
        if (c.isSymbol("(")) {
            List<Token> opts = c.parenthesised();
            for (int i = 0; i < opts.size(); i++) {
                boolean off = i + 1 < opts.size() && (opts.get(i + 1).isWord("false") || opts.get(i + 1).isWord("off"));
                if ((opts.get(i).isWord("analyze") || opts.get(i).isWord("analyse")) && !off) {
                    analyze = true;
                }
            }
        } else {
            while (c.isWord("analyze") || c.isWord("analyse") || c.isWord("verbose")) {
                analyze |= c.next().text().startsWith("analy");
            }
        }
        if (c.atEnd()) {
            throw c.unexpected("expected a statement to explain");
        }
        Cursor inner = c.tail();
        c.rest();
        return new Command.Explain(new CommandParser(inner).command(), analyze);
    }
}
