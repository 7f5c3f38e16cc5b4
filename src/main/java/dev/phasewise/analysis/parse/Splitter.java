package dev.phasewise.analysis.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Splits a SQL script into statements the way psql does: at semicolons outside quotes,
 * comments, dollar strings, parentheses and SQL-standard {@code BEGIN ATOMIC ... END} function
 * bodies. psql backslash meta-commands are reported and skipped; the inline data of
 * {@code COPY ... FROM STDIN} is skipped up to its {@code \.} line.
 *
 * <p>One departure from psql: a parenthesis that never closes would make psql read the rest of the
 * file as one statement, hiding every later statement from the analysis. The splitter reports it and
 * ends that statement at the semicolon where PostgreSQL rejects it, then reads on.
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
            Recovery recovery = new Recovery();
            Token token;
            while ((token = nextToken()) != null) {
                switch (token.type()) {
                    case COMMENT:
                        comments.add(token);
                        continue;
                    case META:
                        if (handleMeta(token, tokens, recovery)) {
                            recovery.flush();
                            return emit(tokens, comments);
                        }
                        continue;
                    case UNTERMINATED:
                        recovery.report(token, SourceProblem.error(token.line(), token.column(),
                                "unterminated " + token.text() + " starting here runs to the end of the file"));
                        tokens.add(token);
                        continue;
                    default:
                        break;
                }
                recovery.seen(token);
                if (token.isSymbol(";") && body.atTopLevel()) {
                    if (tokens.isEmpty()) {
                        continue; // an empty statement, like psql we ignore it
                    }
                    recovery.flush();
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
                if (token.isSymbol(";") && body.insideParenthesesOnly()) {
                    recovery.candidate(token, body.innermostOpen(), tokens.size(), comments.size());
                }
                body.track(token, tokens);
                tokens.add(token);
            }
            if (tokens.isEmpty()) {
                return null;
            }
            if (body.insideParenthesesOnly()) {
                Recovery.Point at = recovery.point();
                if (at != null) {
                    return resynchronise(at, tokens, comments, recovery);
                }
                Token open = body.outermostOpen();
                problems.accept(SourceProblem.error(open.line(), open.column(), "unclosed \"" + open.text()
                        + "\" opened here: nothing closes it, so the statement runs to the end of the file (line "
                        + tokens.get(tokens.size() - 1).line() + "); add the missing \"" + closing(open) + "\""));
            }
            recovery.flush();
            return emit(tokens, comments);
        }

        /**
         * The statement had a parenthesis that never closes, so (as for psql, which would send the rest of the
         * file as one statement that the server rejects at its first semicolon) everything after it was swallowed.
         * Ends the statement at the semicolon where PostgreSQL reports the error and reads on after it, so that
         * the statements that follow are analysed too.
         */
        private Statement resynchronise(Recovery.Point at, List<Token> tokens, List<Token> comments, Recovery recovery) {
            recovery.flushBefore(at.semicolon());
            Token open = at.open();
            int resumeLine = at.next() == null ? -1 : at.next().line();
            problems.accept(SourceProblem.error(open.line(), open.column(), "unclosed \"" + open.text()
                    + "\" opened here: nothing closes it before the \";\" on line " + at.semicolon().line()
                    + ", where PostgreSQL would reject the statement (and, run by psql, everything after it up to "
                    + "the end of the file with it); add the missing \"" + closing(open) + "\". "
                    + (resumeLine < 0 ? "Nothing follows it."
                    : "The statement is taken to end there; the statements from line " + resumeLine
                    + " on are analysed on their own.")));
            List<Token> kept = new ArrayList<>(tokens.subList(0, at.tokens()));
            List<Token> keptComments = new ArrayList<>(comments.subList(0, at.comments()));
            lexer.restartAfter(at.semicolon());
            pushedBack = null;
            takeTrailingComments(at.semicolon(), keptComments);
            return emit(kept, keptComments);
        }

        /**
         * Where to end a statement whose parenthesis never closes: the first semicolon inside the parentheses
         * that is followed by a statement keyword at the start of a line (the usual shape of a forgotten
         * {@code )}), else the first semicolon inside them. Problems found after the first such semicolon are
         * held back, since re-reading the text after the chosen one finds them again.
         */
        private final class Recovery {
            record Point(Token semicolon, Token open, int tokens, int comments, Token next) {
            }

            private Point first;
            private Point keyword;
            private Point awaitingNext;
            private final List<Token> heldAt = new ArrayList<>();
            private final List<SourceProblem> held = new ArrayList<>();

            void candidate(Token semicolon, Token open, int tokens, int comments) {
                Point p = new Point(semicolon, open, tokens, comments, null);
                if (first == null) {
                    first = p;
                }
                if (keyword == null) {
                    awaitingNext = p;
                }
            }

            /** A token (not a comment) after a candidate semicolon: does a statement start there? */
            void seen(Token token) {
                if (awaitingNext == null || token == awaitingNext.semicolon()) {
                    return;
                }
                Point p = new Point(awaitingNext.semicolon(), awaitingNext.open(), awaitingNext.tokens(),
                        awaitingNext.comments(), token);
                if (first.semicolon() == p.semicolon()) {
                    first = p;
                }
                if (token.line() > p.semicolon().line() && token.type() == TokenType.WORD
                        && STATEMENT_KEYWORDS.contains(token.text())) {
                    keyword = p;
                }
                awaitingNext = null;
            }

            Point point() {
                return keyword != null ? keyword : first;
            }

            void report(Token at, SourceProblem problem) {
                if (first == null) {
                    problems.accept(problem);
                } else {
                    heldAt.add(at);
                    held.add(problem);
                }
            }

            void flush() {
                held.forEach(problems);
                held.clear();
                heldAt.clear();
            }

            void flushBefore(Token semicolon) {
                for (int i = 0; i < held.size(); i++) {
                    if (heldAt.get(i).start() < semicolon.start()) {
                        problems.accept(held.get(i));
                    }
                }
                held.clear();
                heldAt.clear();
            }
        }

        /** Returns true when the meta-command sends the buffer (psql's {@code \g} family). */
        private boolean handleMeta(Token meta, List<Token> tokens, Recovery recovery) {
            String command = meta.text().split("\\s+", 2)[0];
            boolean sends = command.startsWith("\\g") && !tokens.isEmpty();
            if (!sends) {
                recovery.report(meta, SourceProblem.note(meta.line(), meta.column(),
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

    private static String closing(Token open) {
        return open.isSymbol("[") ? "]" : ")";
    }

    /** Words that start a statement: after a semicolon at the start of a line, a new statement most likely begins. */
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("abort", "alter", "analyze", "begin", "call",
            "checkpoint", "close", "cluster", "comment", "commit", "copy", "create", "deallocate", "declare",
            "delete", "discard", "do", "drop", "end", "explain", "fetch", "grant", "import", "insert", "listen",
            "load", "lock", "merge", "move", "notify", "prepare", "reassign", "refresh", "reindex", "release",
            "reset", "revoke", "rollback", "savepoint", "security", "select", "set", "show", "start", "table",
            "truncate", "unlisten", "update", "vacuum", "values", "with");

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
        private final ArrayDeque<Token> open = new ArrayDeque<>();

        boolean atTopLevel() {
            return parens <= 0 && atomicDepth <= 0;
        }

        /**
         * Inside parentheses, not in a function body. A semicolon here belongs to the statement (a rule's
         * action list holds several) unless the parenthesis never closes.
         */
        boolean insideParenthesesOnly() {
            return parens > 0 && atomicDepth <= 0 && !open.isEmpty();
        }

        Token innermostOpen() {
            return open.peekLast();
        }

        Token outermostOpen() {
            return open.peekFirst();
        }

        void track(Token token, List<Token> before) {
            if (token.isSymbol("(") || token.isSymbol("[")) {
                parens++;
                open.addLast(token);
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                parens--;
                open.pollLast();
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
