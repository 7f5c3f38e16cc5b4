package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;

import java.util.ArrayList;
import java.util.List;

/** An expression kept as its tokens and source text; Phasewise reads it, it never evaluates it. */
public record Expr(String text, List<Token> tokens) {

    /** Names of the functions the expression calls (a word or qualified name before "("). */
    public List<String> functionCalls() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isIdentifier() && tokens.get(i + 1).isSymbol("(")) {
                String name = t.text();
                if (i >= 2 && tokens.get(i - 1).isSymbol(".") && tokens.get(i - 2).isIdentifier()) {
                    name = tokens.get(i - 2).text() + "." + name;
                }
                names.add(name);
            }
        }
        return names;
    }

    /** Words of the expression that are not function names: keywords, columns, SQL value functions. */
    public List<String> bareWords() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            boolean afterCast = i > 0 && tokens.get(i - 1).isSymbol("::");
            if (t.type() == TokenType.WORD && !call && !afterCast) {
                words.add(t.text());
            }
        }
        return words;
    }

    public boolean isNull() {
        return tokens.size() == 1 && tokens.get(0).isWord("null");
    }

    /** True when the expression is {@code <column> IS NOT NULL} for the given column, parentheses allowed. */
    public boolean isNotNullCheckOf(String column) {
        List<Token> t = new ArrayList<>(tokens);
        while (t.size() >= 2 && t.get(0).isSymbol("(") && t.get(t.size() - 1).isSymbol(")")) {
            t = t.subList(1, t.size() - 1);
        }
        return t.size() == 4 && t.get(0).isIdentifier() && t.get(0).text().equals(column)
                && t.get(1).isWord("is") && t.get(2).isWord("not") && t.get(3).isWord("null");
    }
}
