package dev.phasewise.convert;

import dev.phasewise.analysis.parse.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The items of a comma-separated list of tokens, the commas inside parentheses and brackets left
 * alone: an ALTER TABLE's sub-commands, an UPDATE's assignments.
 */
final class CommaList {
    private CommaList() {
    }

    /** Each item's tokens as [first, last] (inclusive) between {@code from} and {@code to} (exclusive); an empty item is [k, k - 1]. */
    static List<int[]> items(List<Token> tokens, int from, int to) {
        List<int[]> items = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 0) {
                items.add(new int[] {start, k - 1});
                start = k + 1;
            }
        }
        items.add(new int[] {start, to - 1});
        return items;
    }
}
