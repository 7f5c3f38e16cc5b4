package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every DROP command. */
final class DropParser {
    private final Cursor c;

    DropParser(Cursor cursor) {
        this.c = cursor;
    }

    Command drop() throws ParseException {
        String kind = null;
        if (c.acceptWord("table")) {
            kind = "table";
        } else if (c.acceptWords("foreign", "table")) {
            kind = "foreign table";
        } else if (c.acceptWord("view")) {
            kind = "view";
        } else if (c.acceptWords("materialized", "view")) {
            kind = "materialized view";
        } else if (c.acceptWord("sequence")) {
            kind = "sequence";
        }
        if (kind != null) {
            boolean ifExists = c.acceptWords("if", "exists");
            List<QualifiedName> names = c.qualifiedNameList();
            return new Command.DropRelation(kind, names, ifExists, behaviour());
        }
        if (c.acceptWord("index")) {
            boolean concurrently = c.acceptWord("concurrently");
            boolean ifExists = c.acceptWords("if", "exists");
            List<QualifiedName> names = c.qualifiedNameList();
            return new Command.DropIndex(names, concurrently, ifExists, behaviour());
        }
        if (c.acceptWord("trigger") || c.acceptWord("policy") || c.acceptWord("rule")) {
            String objectKind = c.previous().text();
            c.acceptWords("if", "exists");
            String name = c.identifier();
            c.expectWord("on");
            QualifiedName table = c.qualifiedName();
            behaviour();
            return new Command.TableObject(objectKind, true, name, table);
        }
        if (c.acceptWord("database")) {
            c.acceptWords("if", "exists");
            String name = c.identifier();
            c.rest();
            return new Command.DropDatabase(name);
        }
        if (c.acceptWords("owned", "by")) {
            c.rest();
            return new Command.NoTableLocks("DROP OWNED");
        }
        StringBuilder objectKind = new StringBuilder();
        while (!c.atEnd() && c.peek().type() == TokenType.WORD
                && !c.isWords("if", "exists") && isKindWord(c.peek().text())) {
            objectKind.append(objectKind.length() == 0 ? "" : " ").append(c.next().text());
        }
        if (objectKind.length() == 0) {
            throw c.unexpected("expected an object type after DROP (TABLE, INDEX, VIEW, ...)");
        }
        c.acceptWords("if", "exists");
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(c.qualifiedName());
            if (c.isSymbol("(")) {
                c.parenthesised(); // function arguments
            }
        } while (c.acceptSymbol(","));
        c.until(Set.of("cascade", "restrict"), Set.of());
        return new Command.DropObject(objectKind.toString(), names, behaviour());
    }

    private static final Set<String> KIND_WORDS = Set.of("schema", "type", "domain", "function", "procedure",
            "routine", "aggregate", "extension", "role", "user", "group", "server", "collation", "conversion",
            "publication", "subscription", "operator", "class", "family", "cast", "language", "tablespace", "text",
            "search", "configuration", "dictionary", "parser", "template", "event", "trigger", "access", "method",
            "transform", "for", "foreign", "data", "wrapper", "statistics", "mapping", "procedural");

    private static boolean isKindWord(String w) {
        return KIND_WORDS.contains(w);
    }

    private boolean behaviour() {
        if (c.acceptWord("cascade")) {
            return true;
        }
        c.acceptWord("restrict");
        return false;
    }
}
