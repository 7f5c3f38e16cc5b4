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
}
