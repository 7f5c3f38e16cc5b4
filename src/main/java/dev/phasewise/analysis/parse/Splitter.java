package dev.phasewise.analysis.parse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Splits a SQL script into statements the way psql does: at semicolons outside quotes,
 * comments, dollar strings, parentheses and SQL-standard {@code BEGIN ATOMIC ... END} function
 * bodies. psql backslash meta-commands are reported and skipped; the inline data of
 * {@code COPY ... FROM STDIN} is skipped up to its {@code \.} line.
 *
 * <p>Statements are produced lazily, one at a time, so that memory does not grow with the
 * script beyond its text.
 */
public final class Splitter implements Iterable<Statement> {
    private final String source;
    private final Consumer<SourceProblem> problems;

    public Splitter(String source, Consumer<SourceProblem> problems) {
        this.source = source;
        this.problems = problems;
    }

    /** Convenience for tests and small inputs: all statements, problems collected in a list. */
    public static List<Statement> split(String source, List<SourceProblem> problems) {
        List<Statement> out = new ArrayList<>();
        new Splitter(source, problems::add).forEach(out::add);
        return out;
    }

    @Override
    public Iterator<Statement> iterator() {
        return new StatementIterator();
    }

    private final class StatementIterator implements Iterator<Statement> {
        private final Lexer lexer = new Lexer(source);
        private Statement pending;
        private int index;
        private boolean done;
        private List<Token> pendingComments = new ArrayList<>();
        private Token pushedBack;

        private Token nextToken() {
            if (pushedBack != null) {
                Token t = pushedBack;
                pushedBack = null;
                return t;
            }
            return lexer.next();
        }

        /** A comment on the same line after the semicolon belongs to the statement it follows. */
        private void takeTrailingComments(Token semicolon, List<Token> comments) {
            Token t = lexer.next();
            while (t != null && t.type() == TokenType.COMMENT && t.line() == semicolon.line()) {
                comments.add(t);
                t = lexer.next();
            }
            pushedBack = t;
        }

        @Override
        public boolean hasNext() {
            if (pending == null && !done) {
                pending = scan();
                done = pending == null;
            }
            return pending != null;
        }

        @Override
        public Statement next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Statement s = pending;
            pending = null;
            return s;
        }

        private Statement scan() {
            List<Token> tokens = new ArrayList<>();
            List<Token> comments = pendingComments;
            pendingComments = new ArrayList<>();
            BodyTracker body = new BodyTracker();
            Token token;
            while ((token = nextToken()) != null) {
                switch (token.type()) {
                    case COMMENT:
                        comments.add(token);
                        continue;
                    case META:
                        if (handleMeta(token, tokens)) {
                            return emit(tokens, comments);
                        }
                        continue;
                    case UNTERMINATED:
                        problems.accept(SourceProblem.error(token.line(), token.column(),
                                "unterminated " + token.text() + " starting here runs to the end of the file"));
                        tokens.add(token);
                        continue;
                    default:
                        break;
                }
                if (token.isSymbol(";") && body.atTopLevel()) {
                    if (tokens.isEmpty()) {
                        continue; // an empty statement, like psql we ignore it
                    }
                    if (isCopyFromStdin(tokens)) {
                        Statement s = emit(tokens, comments);

                        if (!lexer.skipCopyData()) {
                            problems.accept(SourceProblem.error(s.line(), s.column(),
                                    "COPY ... FROM STDIN data has no terminating \\. line"));
                        }
                        return s;
                    }
                    takeTrailingComments(token, comments);
                    return emit(tokens, comments);
                }
                body.track(token, tokens);
                tokens.add(token);
            }
            if (!tokens.isEmpty()) {
                return emit(tokens, comments);
            }
            return null;
        }

        /** Returns true when the meta-command sends the buffer (psql's {@code \g} family). */
        private boolean handleMeta(Token meta, List<Token> tokens) {
            String command = meta.text().split("\\s+", 2)[0];
            boolean sends = command.startsWith("\\g") && !tokens.isEmpty();
            if (!sends) {
                problems.accept(SourceProblem.note(meta.line(), meta.column(),
                        "psql meta-command " + command + " skipped (not SQL)"));
            }
            return sends;
        }

        private Statement emit(List<Token> tokens, List<Token> comments) {
            Token first = tokens.get(0);
            Token last = tokens.get(tokens.size() - 1);
            String text = source.substring(first.start(), last.end());
            return new Statement(++index, text, first.start(), first.line(), first.column(),
                    List.copyOf(tokens), List.copyOf(comments));
        }
    }

    private static boolean isCopyFromStdin(List<Token> t) {
        if (t.isEmpty() || !t.get(0).isWord("copy")) {
            return false;
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isWord("from") && t.get(i + 1).isWord("stdin")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tracks nesting that hides semicolons: parentheses, and the {@code BEGIN ATOMIC ... END}
     * body of a SQL-standard {@code CREATE FUNCTION/PROCEDURE} (PostgreSQL 14+), in which
     * {@code CASE ... END} nests too.
     */
    private static final class BodyTracker {
        private int parens;
        private int atomicDepth;

        boolean atTopLevel() {
            return parens <= 0 && atomicDepth <= 0;
        }

        void track(Token token, List<Token> before) {
            if (token.isSymbol("(") || token.isSymbol("[")) {
                parens++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                parens--;
            } else if (token.type() == TokenType.WORD) {
                if (atomicDepth > 0) {
                    if (token.text().equals("case") || token.text().equals("begin")) {
                        atomicDepth++;
                    } else if (token.text().equals("end")) {
                        atomicDepth--;
                    }
                } else if (token.text().equals("atomic") && !before.isEmpty()
                        && before.get(before.size() - 1).isWord("begin") && isRoutineDefinition(before)) {
                    atomicDepth = 1;
                }
            }
        }

        private static boolean isRoutineDefinition(List<Token> t) {
            if (t.isEmpty() || !t.get(0).isWord("create")) {
                return false;
            }
            for (int i = 1; i < Math.min(t.size(), 5); i++) {
                if (t.get(i).isWord("function") || t.get(i).isWord("procedure")) {
                    return true;
                }
            }
            return false;
        }
    }
}
