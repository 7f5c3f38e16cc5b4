package dev.phasewise.analysis;

import java.util.List;

/**
 * The analysis of one statement: where it is, its text, its locks, rewrites and scans per
 * table, its findings, and its syntax error if it has one. It keeps no tokens, so that a
 * file's results weigh little more than its text.
 */
public record StatementResult(int index, int line, int column, String sql, List<TableEffect> tables,
                              List<Finding> findings, String error) {
}
