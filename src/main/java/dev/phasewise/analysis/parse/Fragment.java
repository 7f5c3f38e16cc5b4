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
     * The body of a string constant token of the file: a dollar string, or a plain {@code '...'} string with
     * its doubled quotes undone. Null for other forms ({@code E'...'} with backslash escapes, an unterminated one).
     */
    public static Fragment ofFileToken(Token token, String file) {
        return of(token, new FilePositions(file), offset -> offset);
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
        return null;
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
