package dev.phasewise.analysis.parse;

import java.util.List;

/**
 * One SQL statement of a script, without its terminating semicolon.
 *
 * @param index    1-based position among the script's statements
 * @param text     the statement's source text, from its first to its last token
 * @param line     1-based line of its first token
 * @param column   1-based column of its first token
 * @param tokens   its tokens, comments excluded
 * @param comments comments before it (since the previous statement) and inside it
 */
public record Statement(int index, String text, int offset, int line, int column,
                        List<Token> tokens, List<Token> comments) {
}
