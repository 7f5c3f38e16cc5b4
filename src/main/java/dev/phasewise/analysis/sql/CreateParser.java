package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Every CREATE command. */
final class CreateParser {
    private static final Set<String> NO_TABLE_OBJECTS = Set.of("schema", "role", "user", "group", "database",
            "server", "collation", "conversion", "publication", "subscription", "aggregate", "operator", "cast",
            "language", "tablespace", "text", "event", "access", "transform", "foreign", "trusted", "procedural",
            "default");

    private final Cursor c;

    CreateParser(Cursor cursor) {
        this.c = cursor;
    }

    Command create() throws ParseException {
        boolean orReplace = c.acceptWords("or", "replace");
        boolean temporary = false;
        while (c.isWord("global") || c.isWord("local") || c.isWord("temp") || c.isWord("temporary")
                || c.isWord("unlogged")) {
            String w = c.next().text();
            temporary |= w.startsWith("temp");
        }
        if (c.acceptWord("table")) {
            return new TableDdlParser(c).createTable(temporary);
        }
        if (c.acceptWords("foreign", "table")) {
            return new TableDdlParser(c).createTable(false);
        }
        if (c.acceptWords("unique", "index")) {
            return createIndex(true);
        }
        if (c.acceptWord("index")) {
            return createIndex(false);
        }
        if (c.acceptWord("recursive")) {
            c.expectWord("view");
            return createView(orReplace, false);
        }
        if (c.acceptWord("view")) {
            return createView(orReplace, false);
        }
        if (c.acceptWords("materialized", "view")) {
            return createView(false, true);
        }
        if (c.acceptWords("constraint", "trigger") || c.acceptWord("trigger")) {
            String name = c.identifier();
            c.until(Set.of("on"), Set.of());
            c.expectWord("on");
            QualifiedName table = c.qualifiedName();
            c.rest();
            return new Command.TableObject("trigger", false, name, table);
        }
        if (c.acceptWord("policy") || c.acceptWord("rule")) {
            String kind = c.previous().text();
            String name = c.identifier();
            if (kind.equals("rule")) {
                c.expectWord("as");
                c.expectWord("on");
                c.next();
                c.expectWord("to");
            } else {
                c.expectWord("on");
            }
            QualifiedName table = c.qualifiedName();
            QueryRefs reads = kind.equals("policy") ? policyReads() : QueryRefs.NONE;
            c.rest();
            return new Command.TableObject(kind, false, name, table, reads);
        }
        if (c.acceptWord("statistics")) {
            c.acceptWords("if", "not", "exists");
            String name = c.atEnd() || c.isWord("on") || c.isSymbol("(") ? null : c.writtenName().display();
            c.until(Set.of("from"), Set.of());
            c.expectWord("from");
            QualifiedName table = c.qualifiedName();
            return new Command.TableObject("statistics", false, name, table);
        }
        if (c.acceptWord("extension")) {
            boolean ifNotExists = c.acceptWords("if", "not", "exists");
            String name = c.identifier();
            c.rest();
            return new Command.CreateExtension(name, ifNotExists);
        }
        if (c.acceptWord("type")) {
            return createType();
        }
        if (c.acceptWord("domain")) {
            return createDomain();
        }
        if (c.acceptWord("sequence")) {
            c.acceptWords("if", "not", "exists");
            QualifiedName name = c.newName();
            return new Command.CreateSequence(name, new MiscParser(c).sequenceOwnedBy());
        }
        if (c.acceptWord("function") || c.acceptWord("procedure")) {
            return createRoutine();
        }
        Token t = c.peek();
        if (t != null && t.type() == TokenType.WORD && NO_TABLE_OBJECTS.contains(t.text())) {
            String what = "CREATE " + t.text().toUpperCase(Locale.ROOT);
            c.rest();
            return new Command.NoTableLocks(what);
        }
        throw c.unexpected("expected an object type after CREATE (TABLE, INDEX, VIEW, ...)");
    }

    /** After CREATE [UNIQUE] INDEX. */
    private Command createIndex(boolean unique) throws ParseException {
        boolean concurrently = c.acceptWord("concurrently");
        boolean ifNotExists = c.acceptWords("if", "not", "exists");
        String name = null;
        if (!c.isWord("on")) {
            name = c.qualifiedName().name();
        }
        c.expectWord("on");
        boolean only = c.acceptWord("only");
        QualifiedName table = c.qualifiedName();
        c.acceptSymbol("*");
        String method = "btree";
        if (c.acceptWord("using")) {
            method = c.identifier();
        }
        List<Token> elements = c.parenthesised();
        List<String> columns = indexElements(elements);
        boolean plain = method.equals("btree") && plainElements(elements) && c.atEnd();
        Expr where = null;
        while (!c.atEnd()) {
            if (c.acceptWord("include") || c.acceptWord("with")) {
                c.parenthesised();
            } else if (c.acceptWords("nulls", "not", "distinct") || c.acceptWords("nulls", "distinct")) {
                continue;
            } else if (c.acceptWord("tablespace")) {
                c.identifier();
            } else if (c.acceptWord("where")) {
                where = c.rest();
                if (where.tokens().isEmpty()) {
                    throw c.unexpected("expected a WHERE condition");
                }
            } else {
                throw c.unexpected("expected INCLUDE, WITH, TABLESPACE or WHERE");
            }
        }
        return new Command.CreateIndex(name, table, only, unique, concurrently, ifNotExists, columns, where, method,
                plain);
    }

    /** Each element one column name and nothing else (no expression, operator class, order or collation). */
    private static boolean plainElements(List<Token> inner) {
        boolean expectName = true;
        for (Token t : inner) {
            if (expectName ? !t.isIdentifier() : !t.isSymbol(",")) {
                return false;
            }
            expectName = !expectName;
        }
        return !expectName;
    }

    /** Index elements: plain column names stay names; expressions are kept as "(...)" text. */
    private List<String> indexElements(List<Token> inner) {
        List<String> elements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token t : inner) {
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            if (depth == 0 && t.isSymbol(",")) {
                elements.add(element(current));
                current.clear();
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty()) {
            elements.add(element(current));
        }
        return elements;
    }

    private String element(List<Token> tokens) {
        if (!tokens.isEmpty() && tokens.get(0).isIdentifier()
                && (tokens.size() == 1 || !tokens.get(1).isSymbol("(") && !tokens.get(1).isSymbol("."))) {
            return tokens.get(0).text();
        }
        return c.expr(tokens).text();
    }

    private Command createView(boolean orReplace, boolean materialized) throws ParseException {
        boolean ifNotExists = c.acceptWords("if", "not", "exists");
        QualifiedName name = c.newName();
        if (c.isSymbol("(")) {
            c.identifierList();
        }
        while (!c.isWord("as")) {
            if (c.acceptWord("with") || c.acceptWord("using") || c.acceptWord("tablespace")) {
                if (c.isSymbol("(")) {
                    c.parenthesised();
                } else {
                    c.identifier();
                }
            } else {
                throw c.unexpected("expected AS");
            }
        }
        c.expectWord("as");
        List<Token> query = c.remainingTokens();
        boolean withData = true;
        int n = query.size();
        if (n >= 3 && query.get(n - 3).isWord("with") && query.get(n - 2).isWord("no") && query.get(n - 1).isWord("data")) {
            withData = false;
        }
        if (query.isEmpty()) {
            throw c.unexpected("expected a query");
        }
        QueryRefs refs = QueryReader.read(query, c::expr, Set.of(), c.names());
        c.rest();
        return new Command.CreateView(name, orReplace, materialized, refs, withData, ifNotExists);
    }

    private Command createType() throws ParseException {
        QualifiedName name = c.newName();
        String form = "shell";
        if (c.acceptWord("as")) {
            if (c.acceptWord("enum")) {
                form = "enum";
            } else if (c.acceptWord("range")) {
                form = "range";
            } else {
                form = "composite";
            }
        } else if (c.isSymbol("(")) {
            form = "base";
        }
        c.rest();
        return new Command.CreateType(name, form);
    }

    private Command createDomain() throws ParseException {
        QualifiedName name = c.newName();
        c.acceptWord("as");
        TypeName base = new DefinitionParser(c).typeName();
        boolean constrained = false;
        for (Token t : c.remainingTokens()) {
            if (t.isWord("check") || t.isWord("not")) {
                constrained = true;
            }
        }
        c.rest();
        return new Command.CreateDomain(name, base, constrained);
    }

    /** The relations named in a policy's USING ( ... ) and WITH CHECK ( ... ) expressions (their subqueries). */
    private QueryRefs policyReads() throws ParseException {
        List<RelationRef> refs = new ArrayList<>();
        while (!c.atEnd()) {
            if ((c.acceptWord("using") || c.acceptWords("with", "check")) && c.isSymbol("(")) {
                for (RelationRef r : QueryReader.read(c.parenthesised(), c::expr, Set.of(), c.names()).refs()) {
                    if (refs.stream().noneMatch(x -> x.name().key().equals(r.name().key()))) {
                        refs.add(r);
                    }
                }
            } else {
                c.next();
            }
        }
        return refs.isEmpty() ? QueryRefs.NONE : new QueryRefs(refs, false, null, List.of());
    }

    private Command createRoutine() throws ParseException {
        QualifiedName name = c.newName();
        boolean polymorphic = false;
        if (c.isSymbol("(")) {
            for (Token t : c.parenthesised()) {
                polymorphic |= t.type() == TokenType.WORD && POLYMORPHIC.contains(t.text());
            }
        }
        String volatility = "volatile";
        String language = "sql";
        Token body = null;
        List<Token> rest = c.remainingTokens();
        for (int i = 0; i < rest.size(); i++) {
            Token t = rest.get(i);
            if (t.isWord("immutable") || t.isWord("stable") || t.isWord("volatile")) {
                volatility = t.text();
            } else if (t.isWord("language") && i + 1 < rest.size()) {
                Token l = rest.get(++i);
                language = l.type() == TokenType.STRING ? l.text().replace("'", "").toLowerCase(Locale.ROOT) : l.text();
            } else if (t.isWord("as") && i + 1 < rest.size() && (rest.get(i + 1).type() == TokenType.DOLLAR_STRING
                    || rest.get(i + 1).type() == TokenType.STRING && rest.get(i + 1).text().startsWith("'"))) {
                body = rest.get(++i);
            }
        }
        c.rest();
        String checked = null;
        // fmgr_sql_validator parses and analyses a LANGUAGE sql body at CREATE time (check_function_bodies,
        // on by default), unless an argument is polymorphic: the tables it names are locked then
        if (language.equals("sql") && body != null && !polymorphic) {
            checked = body.type() == TokenType.DOLLAR_STRING ? body.text()
                    : body.text().substring(1, body.text().length() - 1).replace("''", "'");
        }
        return new Command.CreateRoutine(name, volatility, checked);
    }

    private static final Set<String> POLYMORPHIC = Set.of("anyelement", "anyarray", "anynonarray",
            "anyenum", "anyrange", "anymultirange", "anycompatible", "anycompatiblearray", "anycompatiblenonarray",
            "anycompatiblerange", "anycompatiblemultirange");
}
