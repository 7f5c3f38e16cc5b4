package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** COMMENT, GRANT/REVOKE, sequence options, and the ALTER commands that are not about tables. */
final class MiscParser {
    private final Cursor c;

    MiscParser(Cursor cursor) {
        this.c = cursor;
    }

    /** After COMMENT. */
    Command comment() throws ParseException {
        c.expectWord("on");
        String kind;
        QualifiedName target;
        if (c.acceptWord("column")) {
            List<String> parts = dottedName();
            if (parts.size() < 2) {
                throw c.unexpected("expected table.column");
            }
            kind = "column";
            target = parts.size() == 2 ? c.names().existing(QualifiedName.of(parts.get(0)))
                    : new QualifiedName(parts.get(parts.size() - 3), parts.get(parts.size() - 2));
        } else if (c.acceptWord("constraint") || c.acceptWord("trigger") || c.acceptWord("policy")
                || c.acceptWord("rule")) {
            kind = c.previous().text();
            c.identifier();
            c.expectWord("on");
            c.acceptWord("domain");
            target = c.qualifiedName();
        } else {
            StringBuilder k = new StringBuilder();
            while (c.peek() != null && c.peek().type() == TokenType.WORD && isCommentKind(c.peek().text())) {
                k.append(k.length() == 0 ? "" : " ").append(c.next().text());
            }
            if (k.length() == 0) {
                throw c.unexpected("expected an object type after COMMENT ON");
            }
            kind = k.toString();
            target = c.qualifiedName();
            if (c.isSymbol("(")) {
                c.parenthesised();
            }
        }
        c.expectWord("is");
        Token value = c.next();
        if (value.type() != TokenType.STRING && value.type() != TokenType.DOLLAR_STRING && !value.isWord("null")) {
            throw new ParseException("syntax error: COMMENT ... IS takes a string or NULL", value);
        }
        return new Command.Comment(kind, target);
    }

    private static final Set<String> COMMENT_KINDS = Set.of("table", "index", "view", "materialized", "sequence",
            "type", "domain", "function", "procedure", "routine", "schema", "extension", "database", "role",
            "foreign", "aggregate", "collation", "conversion", "operator", "class", "family", "server", "tablespace",
            "text", "search", "configuration", "dictionary", "parser", "template", "event", "statistics",
            "language", "publication", "subscription", "access", "method", "large", "object", "cast",
            "transform", "data", "wrapper", "procedural");

    private static boolean isCommentKind(String w) {
        return COMMENT_KINDS.contains(w);
    }

    private List<String> dottedName() throws ParseException {
        List<String> parts = new ArrayList<>();
        parts.add(c.identifier());
        while (c.acceptSymbol(".")) {
            parts.add(c.identifier());
        }
        return parts;
    }

    /** After GRANT or REVOKE: table privileges name their tables; other grants lock no table. */
    Command grant(boolean revoke) throws ParseException {
        List<Token> rest = c.remainingTokens();
        int on = -1;
        int depth = 0;
        for (int i = 0; i < rest.size(); i++) {
            Token t = rest.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isWord("on")) {
                on = i;
                break;
            }
        }
        if (on < 0) {
            c.rest();
            return new Command.Grant(revoke, List.of()); // role membership
        }
        c.reset(c.position() + on + 1);
        if (c.acceptWord("table") || !c.peek().isWord("all") && !isNonTableObject()) {
            List<QualifiedName> tables = c.qualifiedNameList();
            c.rest();
            return new Command.Grant(revoke, tables);
        }
        c.rest();
        return new Command.Grant(revoke, List.of());
    }

    private boolean isNonTableObject() {
        Token t = c.peek();
        return t != null && t.type() == TokenType.WORD && Set.of("sequence", "function", "procedure", "routine",
                "schema", "database", "domain", "type", "language", "large", "tablespace", "foreign", "parameter")
                .contains(t.text());
    }

    /** Reads sequence options to the end; returns the table of OWNED BY table.column, if any. */
    QualifiedName sequenceOwnedBy() throws ParseException {
        QualifiedName ownedBy = null;
        while (!c.atEnd()) {
            if (c.acceptWords("owned", "by")) {
                if (c.acceptWord("none")) {
                    continue;
                }
                List<String> parts = dottedName();
                if (parts.size() >= 2) {
                    ownedBy = parts.size() == 2 ? c.names().existing(QualifiedName.of(parts.get(0)))
                            : new QualifiedName(parts.get(parts.size() - 3), parts.get(parts.size() - 2));
                }
            } else {
                c.next();
            }
        }
        return ownedBy;
    }

    private static final Set<String> ALTER_KINDS = Set.of("aggregate", "collation", "conversion", "database",
            "default", "event", "extension", "foreign", "function", "group", "language", "large", "operator",
            "procedure", "procedural", "publication", "role", "routine", "schema", "server", "statistics",
            "subscription", "system", "tablespace", "text", "user");

    /** After ALTER, for everything but TABLE, VIEW, MATERIALIZED VIEW, INDEX, SEQUENCE, FOREIGN TABLE. */
    Command alterOther() throws ParseException {
        Token kindToken = c.peek();
        if (kindToken == null || kindToken.type() != TokenType.WORD) {
            throw c.unexpected("expected an object type after ALTER");
        }
        if (c.acceptWord("type")) {
            QualifiedName type = c.qualifiedName();
            if (c.acceptWords("add", "value")) {
                boolean ifNotExists = c.acceptWords("if", "not", "exists");
                Token value = c.next();
                if (value.type() != TokenType.STRING) {
                    throw new ParseException("syntax error: ADD VALUE takes a string constant", value);
                }
                boolean positioned = c.isWord("before") || c.isWord("after");
                c.rest();
                return new Command.AlterTypeAddValue(type, Literals.stringValue(value.text()), ifNotExists, positioned);
            }
            if (c.isWord("rename")) {
                c.rest();
                return new Command.RenameObject("type", type);
            }
            c.rest();
            return new Command.NoTableLocks("ALTER TYPE");
        }
        if (c.acceptWord("domain")) {
            QualifiedName domain = c.qualifiedName();
            if (c.acceptWord("add")) {
                boolean notValid = false;
                for (Token t : c.remainingTokens()) {
                    notValid |= t.isWord("valid");
                }
                c.rest();
                return new Command.AlterDomain(domain, true, notValid);
            }
            c.rest();
            return new Command.AlterDomain(domain, false, false);
        }
        if (c.acceptWord("trigger") || c.acceptWord("policy") || c.acceptWord("rule")) {
            String kind = c.previous().text();
            String name = c.identifier();
            c.expectWord("on");
            QualifiedName table = c.qualifiedName();
            c.rest();
            return new Command.TableObject(kind + " alter", false, name, table);
        }
        String kind = kindToken.text();
        if (!ALTER_KINDS.contains(kind)) {
            throw c.unexpected("expected an object type after ALTER (TABLE, INDEX, TYPE, ...)");
        }
        c.next();
        int save = c.position();
        List<Token> rest = c.remainingTokens();
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).isWord("rename") && !kind.equals("database") && !kind.equals("role")
                    && !kind.equals("user")) {
                c.reset(save);
                QualifiedName name = c.atEnd() ? null : c.qualifiedName();
                c.rest();
                return new Command.RenameObject(kind, name);
            }
        }
        c.rest();
        return new Command.NoTableLocks("ALTER " + kind.toUpperCase(Locale.ROOT));
    }
}
