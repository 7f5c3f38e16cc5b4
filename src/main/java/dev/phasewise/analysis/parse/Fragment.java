package dev.phasewise.analysis.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQL text lifted out of a string constant of the file (a {@code DO} block's body, the literal of an
 * {@code EXECUTE}), with the place in the file of each of its characters. Its tokens keep offsets into
 * this text, so that a statement made of them slices its own text as any other does, while their line
 * and column are the file's: a finding inside a code block points at its own line.
 */
public final class Fragment {
    private final String text;
    /** For each character of {@code text} (and one past its end): its offset in the file. */
    private final int[] fileOffsets;
    private final FilePositions positions;

    private Fragment(String text, int[] fileOffsets, FilePositions positions) {
        this.text = text;
        this.fileOffsets = fileOffsets;
        this.positions = positions;
    }

    /**
     * The body of a string constant token of the file: a dollar string, a plain {@code '...'} string with its
     * doubled quotes undone, or an {@code E'...'} string with its escapes undone. Null for other forms (an
     * unterminated one, an escape PostgreSQL rejects).
     */
    public static Fragment ofFileToken(Token token, String file) {
        return of(token, new FilePositions(file), offset -> offset);
    }

    /**
     * A stretch of the file read as code where it stands (the statements of a {@code BEGIN ATOMIC ... END} body):
     * no quotes to undo, every character at its own place.
     */
    public static Fragment ofFileRange(String file, int from, int to) {
        int[] offsets = new int[to - from + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = from + i;
        }
        return new Fragment(file.substring(from, to), offsets, new FilePositions(file));
    }

    /** The body of a string constant token that is itself inside this fragment (an EXECUTE's literal). */
    public Fragment inner(Token token) {
        return of(token, positions, offset -> fileOffsets[Math.min(offset, fileOffsets.length - 1)]);
    }

    private interface OffsetMap {
        int toFile(int offset);
    }

    private static Fragment of(Token token, FilePositions positions, OffsetMap map) {
        if (token.type() == TokenType.DOLLAR_STRING) {
            String body = token.text();
            int tag = (token.end() - token.start() - body.length()) / 2;
            int start = token.start() + tag;
            int[] offsets = new int[body.length() + 1];
            for (int i = 0; i <= body.length(); i++) {
                offsets[i] = map.toFile(start + i);
            }
            return new Fragment(body, offsets, positions);
        }
        if (token.type() == TokenType.STRING && token.text().startsWith("'") && token.text().length() >= 2) {
            String raw = token.text();
            StringBuilder body = new StringBuilder();
            int[] offsets = new int[raw.length()];
            int n = 0;
            for (int i = 1; i < raw.length() - 1; i++) {
                offsets[n++] = map.toFile(token.start() + i);
                body.append(raw.charAt(i));
                if (raw.charAt(i) == '\'') {
                    i++; // '' stands for one quote
                }
            }
            offsets[n] = map.toFile(token.end() - 1);
            return new Fragment(body.toString(), Arrays.copyOf(offsets, n + 1), positions);
        }
        if (token.type() == TokenType.STRING && token.text().length() >= 3
                && (token.text().startsWith("E'") || token.text().startsWith("e'"))) {
            return escapeString(token, positions, map);
        }
        return null;
    }

    /**
     * An {@code E'...'} body, unescaped as PostgreSQL does (backslash escapes, {@code ''} for a quote). Each
     * character of the result keeps the file offset of the escape that wrote it, so a token keeps its own line:
     * a {@code \n} escape breaks the code's line but not the file's, and the statement after it is placed on the
     * file line where it is written, which is where an editor shows it. Null when an escape is one PostgreSQL
     * rejects (an invalid Unicode code point): the body would not run.
     */
    private static Fragment escapeString(Token token, FilePositions positions, OffsetMap map) {
        String raw = token.text();
        StringBuilder body = new StringBuilder();
        int[] offsets = new int[raw.length() + 1];
        int n = 0;
        int i = 2;
        while (i < raw.length() - 1) {
            int at = map.toFile(token.start() + i);
            char c = raw.charAt(i);
            String out;
            if (c == '\\' && i + 1 < raw.length() - 1) {
                char e = raw.charAt(i + 1);
                int consumed = 2;
                switch (e) {
                    case 'b' -> out = "\b";
                    case 'f' -> out = "\f";
                    case 'n' -> out = "\n";
                    case 'r' -> out = "\r";
                    case 't' -> out = "\t";
                    case 'x' -> {
                        int digits = hexDigits(raw, i + 2, 2, raw.length() - 1);
                        if (digits == 0) {
                            out = "x"; // \x without a hex digit is just x
                        } else {
                            out = String.valueOf((char) Integer.parseInt(raw.substring(i + 2, i + 2 + digits), 16));
                            consumed += digits;
                        }
                    }
                    case 'u', 'U' -> {
                        int want = e == 'u' ? 4 : 8;
                        if (hexDigits(raw, i + 2, want, raw.length() - 1) != want) {
                            return null; // PostgreSQL: invalid Unicode escape
                        }
                        int cp = (int) Long.parseLong(raw.substring(i + 2, i + 2 + want), 16);
                        if (!Character.isValidCodePoint(cp)) {
                            return null;
                        }
                        out = new String(Character.toChars(cp));
                        consumed += want;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int k = i + 1;
                            while (k < raw.length() - 1 && k < i + 4 && raw.charAt(k) >= '0' && raw.charAt(k) <= '7') {
                                k++;
                            }
                            out = String.valueOf((char) (Integer.parseInt(raw.substring(i + 1, k), 8) & 0xFF));
                            consumed = k - i;
                        } else {
                            out = String.valueOf(e); // \\, \', and any other character stands for itself
                        }
                    }
                }
                i += consumed;
            } else if (c == '\'' && i + 1 < raw.length() - 1 && raw.charAt(i + 1) == '\'') {
                out = "'";
                i += 2;
            } else {
                out = String.valueOf(c);
                i++;
            }
            for (int k = 0; k < out.length(); k++) {
                if (n + 1 >= offsets.length) {
                    offsets = Arrays.copyOf(offsets, offsets.length * 2);
                }
                offsets[n++] = at;
            }
            body.append(out);
        }
        offsets[n] = map.toFile(token.end() - 1);
        return new Fragment(body.toString(), Arrays.copyOf(offsets, n + 1), positions);
    }

    /** How many hex digits (up to max) stand at from, before limit. */
    private static int hexDigits(String s, int from, int max, int limit) {
        int k = 0;
        while (k < max && from + k < limit && Character.digit(s.charAt(from + k), 16) >= 0) {
            k++;
        }
        return k;
    }

    public String text() {
        return text;
    }

    /** The fragment's tokens and comments, with offsets into its text and the file's lines and columns. */
    public List<Token> tokens() {
        Lexer lexer = new Lexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        while ((t = lexer.next()) != null) {
            int[] place = positions.of(fileOffsets[t.start()]);
            out.add(new Token(t.type(), t.text(), t.start(), t.end(), place[0], place[1]));
        }
        return out;
    }

    /** Line and column of file offsets, as the lexer counts them. */
    private static final class FilePositions {
        private final int[] lineStarts;

        FilePositions(String file) {
            List<Integer> starts = new ArrayList<>();
            // the lexer does not count a byte order mark as a column
            starts.add(!file.isEmpty() && file.charAt(0) == '\uFEFF' ? 1 : 0);
            for (int i = 0; i < file.length(); i++) {
                if (file.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        int[] of(int offset) {
            int at = Arrays.binarySearch(lineStarts, offset);
            int line = at >= 0 ? at : -at - 2;
            line = Math.max(0, line);
            return new int[] {line + 1, offset - lineStarts[line] + 1};
        }
    }
}
