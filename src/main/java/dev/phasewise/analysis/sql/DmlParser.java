package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** INSERT, UPDATE, DELETE, MERGE, SELECT and COPY, each optionally after a WITH clause. */
final class DmlParser {
    private static final Set<String> DML_WORDS = Set.of("insert", "update", "delete", "merge");

    private final Cursor c;
    private final Set<String> cteNames = new HashSet<>();

    DmlParser(Cursor cursor) {
        this.c = cursor;
    }

    /** At WITH: reads each WITH query (a data-modifying one as a statement of its own), then the main one. */
    Command withStatement() throws ParseException {
        c.expectWord("with");
        c.acceptWord("recursive");
        List<Command> queries = new ArrayList<>();
        do {
            cteNames.add(c.identifier());
            if (c.isSymbol("(")) {
                c.identifierList();
            }
            c.expectWord("as");
            c.acceptWord("not");
            c.acceptWord("materialized");
            List<Token> body = c.parenthesised();
            queries.add(cteBody(body));
            while (c.isWord("search") || c.isWord("cycle")) {
                c.skipUntil(Set.of("insert", "update", "delete", "select", "merge", "values"));
            }
        } while (c.acceptSymbol(","));
        Command main = dispatch();
        return new Command.With(List.copyOf(queries), main);
    }

    private Command cteBody(List<Token> body) throws ParseException {
        if (!body.isEmpty() && body.get(0).type() == TokenType.WORD && DML_WORDS.contains(body.get(0).text())) {
            Cursor inner = c.subCursor(body);
            DmlParser p = new DmlParser(inner);
            p.cteNames.addAll(cteNames);
            return p.dispatch();
        }
        return new Command.Select(QueryReader.read(body, c::expr, cteNames, c.names()));
    }

    private Command dispatch() throws ParseException {
        if (c.acceptWord("insert")) {
            return insert();
        }
        if (c.acceptWord("update")) {
            return update();
        }
        if (c.acceptWord("delete")) {
            return delete();
        }
        if (c.acceptWord("merge")) {
            return merge();
        }
        return select();
    }

    private QueryRefs read(List<Token> tokens) {
        return QueryReader.read(tokens, c::expr, cteNames, c.names());
    }

    /** After INSERT. */
    Command insert() throws ParseException {
        c.expectWord("into");
        QualifiedName table = c.qualifiedName();
        if (c.acceptWord("as")) {
            c.identifier();
        }
        List<String> columns = List.of();
        if (c.isSymbol("(") && !(c.peek(1) != null && (c.peek(1).isWord("select") || c.peek(1).isWord("with")
                || c.peek(1).isWord("values")))) {
            columns = c.identifierList();
        }
        List<Token> rest = c.remainingTokens();
        boolean onConflict = false;
        for (int i = 0; i + 1 < rest.size(); i++) {
            if (rest.get(i).isWord("on") && rest.get(i + 1).isWord("conflict")) {
                onConflict = true;
                break;
            }
        }
        QueryRefs source = read(rest);
        c.rest();
        return new Command.Insert(table, columns, source, onConflict);
    }

    /** After UPDATE. */
    Command update() throws ParseException {
        boolean only = c.acceptWord("only");
        QualifiedName table = c.qualifiedName();
        c.acceptSymbol("*");
        String alias = alias("set");
        c.expectWord("set");
        List<String> setColumns = new ArrayList<>();
        int tailStart = c.position();
        do {
            if (c.isSymbol("(")) {
                setColumns.addAll(c.identifierList());
            } else {
                setColumns.add(c.identifier());
                while (c.acceptSymbol(".") || c.isSymbol("[")) {
                    if (c.isSymbol("[")) {
                        c.next();
                        c.until(Set.of(), Set.of("]"));
                        c.expectSymbol("]");
                    } else {
                        c.identifier();
                    }
                }
            }
            if (!c.acceptSymbol("=")) {
                throw c.unexpected("expected \"=\" in SET");
            }
            c.until(Set.of("from", "where", "returning"), Set.of(","));
        } while (c.acceptSymbol(","));
        c.reset(tailStart);
        QueryRefs reads = read(c.remainingTokens());
        c.rest();
        return new Command.Update(table, alias, only, List.copyOf(setColumns), reads, reads.where());
    }

    /** After DELETE. */
    Command delete() throws ParseException {
        c.expectWord("from");
        boolean only = c.acceptWord("only");
        QualifiedName table = c.qualifiedName();
        c.acceptSymbol("*");
        String alias = alias("using", "where", "returning");
        List<Token> rest = new ArrayList<>(c.remainingTokens());
        if (c.isWord("using")) {
            // USING acts as FROM for the reader
            Token using = rest.get(0);
            rest.set(0, new Token(using.type(), "from", using.start(), using.end(), using.line(), using.column()));
        }
        QueryRefs reads = read(rest);
        c.rest();
        return new Command.Delete(table, alias, only, reads, reads.where());
    }

    /** After MERGE. */
    Command merge() throws ParseException {
        c.expectWord("into");
        c.acceptWord("only");
        QualifiedName target = c.qualifiedName();
        String alias = alias("using");
        c.expectWord("using");
        Token using = c.previous();
        int sourceStart = c.position();
        c.until(Set.of("on"), Set.of());
        List<Token> source = new ArrayList<>(c.subTokens(sourceStart, c.position()));
        source.add(0, new Token(using.type(), "from", using.start(), using.start(), using.line(), using.column()));
        c.expectWord("on");
        Expr on = c.until(Set.of("when"), Set.of());
        c.rest();
        return new Command.Merge(target, alias, read(source), on);
    }

    /** SELECT, VALUES, TABLE or a parenthesised query; {@code SELECT set_config(...)} is a SET. */
    Command select() throws ParseException {
        Command setConfig = setConfig();
        if (setConfig != null) {
            c.rest();
            return setConfig;
        }
        if (c.acceptWord("table")) {
            boolean only = c.acceptWord("only");
            QualifiedName t = c.qualifiedName();
            c.rest();
            return new Command.Select(new QueryRefs(List.of(new RelationRef(t, null, only)), false, null, List.of()));
        }
        if (!(c.isWord("select") || c.isWord("values") || c.isSymbol("("))) {
            throw c.unexpected("expected SELECT, INSERT, UPDATE, DELETE or MERGE");
        }
        QueryRefs refs = read(c.remainingTokens());
        c.rest();
        return new Command.Select(refs);
    }

    /** {@code SELECT [pg_catalog.]set_config('name', 'value', is_local)} with literal arguments. */
    private Command setConfig() {
        int start = c.position();
        try {
            if (!c.acceptWord("select")) {
                return null;
            }
            if (c.isWord("pg_catalog") && c.peek(1) != null && c.peek(1).isSymbol(".")) {
                c.next();
                c.next();
            }
            if (!c.acceptWord("set_config") || !c.acceptSymbol("(")) {
                return null;
            }
            Token name = c.next();
            c.expectSymbol(",");
            Token value = c.next();
            c.expectSymbol(",");
            Token local = c.next();
            if (name.type() != TokenType.STRING || value.type() != TokenType.STRING) {
                return null;
            }
            return new Command.SetVariable(Literals.stringValue(name.text()).toLowerCase(Locale.ROOT),
                    Literals.stringValue(value.text()), local.isWord("true"));
        } catch (ParseException e) {
            return null;
        } finally {
            c.reset(start);
        }
    }

    /** After COPY. */
    Command copy() throws ParseException {
        if (c.isSymbol("(")) {
            QueryRefs q = read(c.parenthesised());
            c.rest();
            return new Command.Copy(null, false, q);
        }
        QualifiedName table = c.qualifiedName();
        if (c.isSymbol("(")) {
            c.identifierList();
        }
        boolean from = c.acceptWord("from");
        if (!from) {
            c.expectWord("to");
        }
        c.rest();
        return new Command.Copy(table, from, QueryRefs.NONE);
    }

    /** Reads an optional alias ({@code [AS] name}) unless the next word is one of the given keywords. */
    private String alias(String... keywords) throws ParseException {
        if (c.acceptWord("as")) {
            return c.identifier();
        }
        Token t = c.peek();
        if (t != null && t.isIdentifier() && !Set.of(keywords).contains(t.text())) {
            return c.identifier();
        }
        return null;
    }
}
