package dev.phasewise.db.explain;

import dev.phasewise.analysis.parse.Lexer;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Explains one statement on a live connection: {@code EXPLAIN (FORMAT JSON, VERBOSE, COSTS,
 * SETTINGS)}, options valid on PostgreSQL 12 to 18, parsed into {@link PlanNode}s.
 *
 * <ul>
 *   <li>The text must be exactly one statement (checked with the {@link Splitter}); it is the only
 *       user text in the command, behind a fixed option list.</li>
 *   <li>Statements with parameters ({@code $1}, {@code $2}, e.g. a backfill batch) are explained
 *       with sample values bound through a JDBC {@link PreparedStatement} of the EXPLAIN, typed
 *       "unspecified" so that the server infers each parameter's type from its context (works on
 *       12-18; the server plans the inner statement with the bound values each time, so pgjdbc's
 *       switch to a named server-side statement after {@code prepareThreshold} uses does not turn
 *       it into a generic plan). Without values the statement gets a generic plan, on 12-18 alike: {@code PREPARE}d
 *       under a fixed name, explained as {@code EXECUTE name(NULL, ...)} with
 *       {@code plan_cache_mode = force_generic_plan} (restored afterwards), then
 *       {@code DEALLOCATE}d. (16's {@code EXPLAIN (GENERIC_PLAN)} is not usable through pgjdbc:
 *       its extended protocol makes the server ask for the parameters, and values bound for them
 *       are planned with.)</li>
 *   <li>Utility statements (DDL, SET, VACUUM, ...) have no plan: the result says
 *       "not explainable: KIND" instead of failing.</li>
 *   <li>{@code ANALYZE} runs the statement: only on request, only from autocommit mode, inside a
 *       transaction of its own with {@code statement_timeout} set locally, always rolled back, also
 *       when the statement fails. Only plannable statements (queries and DML) reach it, and those
 *       are all transactional. Sequence increments and other non-transactional side effects of
 *       the statement's functions are not undone by the rollback.</li>
 * </ul>
 */
public final class Explainer {
    /** First words of the statements EXPLAIN accepts (a parenthesised query starts with "("). */
    private static final Set<String> PLANNABLE = Set.of("select", "with", "values", "table", "insert", "update",
            "delete", "merge");
    /** First words whose second word names the kind ("ALTER TABLE", "CREATE INDEX"). */
    private static final Set<String> TWO_WORD_KINDS = Set.of("create", "alter", "drop", "comment", "refresh",
            "reindex", "security");

    /**
     * How to explain.
     *
     * @param analyze          run the statement (in a rolled-back transaction) for actual figures
     * @param statementTimeout statement_timeout for an analysed run, e.g. "30s"
     * @param parameters       sample values for $1, $2, ... as text, converted by the server
     */
    public record Options(boolean analyze, String statementTimeout, List<String> parameters) {
        public Options {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            statementTimeout = statementTimeout == null ? "30s" : statementTimeout;
        }

        public static Options plan() {
            return new Options(false, null, List.of());
        }

        public Options analyzed(String timeout) {
            return new Options(true, timeout, parameters);
        }

        public Options withParameters(List<String> values) {
            return new Options(analyze, statementTimeout, values);
        }
    }

    private final Connection connection;

    public Explainer(Connection connection) {
        this.connection = connection;
    }

    /**
     * Explains {@code sql}.
     *
     * @throws IllegalArgumentException when the text is not exactly one statement, too few sample
     *                                  values are given, or ANALYZE is asked for without them
     * @throws IllegalStateException    for ANALYZE on a connection that is inside a transaction
     * @throws SQLException             the server's error (the analysed transaction is rolled back)
     */
    public ExplainResult explain(String sql, Options options) throws SQLException {
        Statement statement = single(sql);
        String text = statement.text();
        rejectUnknownCommand(statement);
        int version = serverVersion();
        String kind = utilityKind(statement.tokens());
        if (kind != null) {
            return ExplainResult.notExplainable(text, kind, version);
        }
        List<Integer> params = parameterOrder(text);
        int needed = params.stream().mapToInt(Integer::intValue).max().orElse(0);
        boolean generic = needed > 0 && options.parameters().isEmpty();
        if (generic) {
            if (options.analyze()) {
                throw new IllegalArgumentException("the statement has parameters ($1 ... $" + needed
                        + "): EXPLAIN ANALYZE needs sample values for them");
            }
        } else if (options.parameters().size() < needed) {
            throw new IllegalArgumentException("the statement has parameters up to $" + needed + " but "
                    + options.parameters().size() + " sample value(s) were given");
        }
        String explain = "EXPLAIN (" + optionList(options.analyze(), version) + ") ";
        ServerWork work = () -> located(statement, explain, generic, () -> generic
                ? runGeneric(explain, text, needed) : run(explain, text, params, options.parameters()));
        String json;
        if (options.analyze()) {
            if (!connection.getAutoCommit()) {
                throw new IllegalStateException("EXPLAIN ANALYZE runs in a transaction of its own and rolls it "
                        + "back; the connection is inside a transaction");
            }
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT set_config('statement_timeout', ?, true)")) {
                    ps.setString(1, options.statementTimeout());
                    ps.execute();
                }
                json = work.run();
            } finally {
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        } else {
            json = work.run();
        }
        PlanJson.Parsed parsed = PlanJson.parse(json);
        List<String> bound = generic ? List.of() : options.parameters().subList(0, needed);
        return new ExplainResult(text, null, options.analyze(), generic, bound, parsed.root(), parsed.planningMs(),
                parsed.executionMs(), parsed.triggers(), parsed.settings(), tableRows(parsed.root()), version);
    }

    /** The one statement of the text, or an IllegalArgumentException saying what is wrong. */
    static Statement single(String sql) {
        List<SourceProblem> problems = new ArrayList<>();
        List<Statement> statements = Splitter.split(sql == null ? "" : sql, problems);
        for (SourceProblem p : problems) {
            if (p.error()) {
                throw new IllegalArgumentException("line " + p.line() + ": " + p.message());
            }
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("no SQL statement to explain");
        }
        if (statements.size() > 1) {
            throw new IllegalArgumentException("EXPLAIN takes exactly one statement; found " + statements.size());
        }
        return statements.get(0);
    }

    /**
     * A first word that starts no PostgreSQL command (a typo such as {@code SELEC}) is an input error,
     * not a utility statement without a plan. Only the first word is judged here: the rest of the
     * statement is left to the server, whose grammar is the authority.
     */
    static void rejectUnknownCommand(Statement statement) {
        Token first = statement.tokens().get(0);
        if (CommandParser.parse(statement) instanceof Command.Invalid invalid
                && invalid.line() == first.line() && invalid.column() == first.column()) {
            throw new IllegalArgumentException("line " + invalid.line() + ", column " + invalid.column() + ": "
                    + invalid.message());
        }
    }

    /** Work that sends the statement behind a prefix of ours and may fail with a server error. */
    private interface ServerWork {
        String run() throws SQLException;
    }

    /**
     * Runs {@code work}; a server error that points into the statement has its position moved from
     * the text sent (behind {@code EXPLAIN (...)} or {@code PREPARE ... AS}) to the user's text, as
     * a line and column of the file or {@code --sql} value.
     */
    private static String located(Statement statement, String explain, boolean generic, ServerWork work)
            throws SQLException {
        try {
            return work.run();
        } catch (PSQLException e) {
            ServerErrorMessage server = e.getServerErrorMessage();
            int prefix = generic ? ("PREPARE " + PREPARED + " AS ").length() : explain.length();
            if (server == null || server.getPosition() <= prefix) {
                throw e;
            }
            int at = Math.min(server.getPosition() - 1 - prefix, statement.text().length());
            String before = statement.text().substring(0, at);
            int newline = before.lastIndexOf('\n');
            int line = statement.line() + (int) before.chars().filter(ch -> ch == '\n').count();
            int column = newline < 0 ? statement.column() + at : at - newline;
            String message = "line " + line + ", column " + column + ": " + server.getSeverity() + ": "
                    + server.getMessage() + (server.getHint() == null ? "" : " (hint: " + server.getHint() + ")");
            throw new SQLException(message, e.getSQLState(), e);
        }
    }

    /** Null for a statement EXPLAIN accepts; otherwise its kind, e.g. "ALTER TABLE". */
    static String utilityKind(List<Token> tokens) {
        Token first = tokens.get(0);
        if (first.isSymbol("(") || first.type() == TokenType.WORD && PLANNABLE.contains(first.text())) {
            return null;
        }
        String kind = first.text().toUpperCase(Locale.ROOT);
        if (first.type() == TokenType.WORD && TWO_WORD_KINDS.contains(first.text()) && tokens.size() > 1
                && tokens.get(1).type() == TokenType.WORD) {
            kind += " " + tokens.get(1).text().toUpperCase(Locale.ROOT);
        }
        return kind;
    }

    private static String optionList(boolean analyze, int version) {
        StringBuilder o = new StringBuilder("FORMAT JSON, VERBOSE, COSTS");
        if (version >= 120000) {
            o.append(", SETTINGS");
        }
        if (analyze) {
            o.append(", ANALYZE, BUFFERS, TIMING");
        }
        return o.toString();
    }

    private String run(String explain, String text, List<Integer> params, List<String> values) throws SQLException {
        if (params.isEmpty()) {
            try (java.sql.Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery(explain + text)) {
                return collect(rs);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(explain + jdbcPlaceholders(text))) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, values.get(params.get(i) - 1), Types.OTHER);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return collect(rs);
            }
        }
    }

    private static final String PREPARED = "phasewise_explain";

    /** The generic plan of a statement with {@code count} parameters, through PREPARE / EXPLAIN EXECUTE. */
    private String runGeneric(String explain, String text, int count) throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("PREPARE " + PREPARED + " AS " + text);
            SQLException failure = null;
            try {
                String previous;
                try (ResultSet rs = st.executeQuery("SELECT current_setting('plan_cache_mode')")) {
                    rs.next();
                    previous = rs.getString(1);
                }
                st.execute("SET plan_cache_mode = force_generic_plan");
                try (ResultSet rs = st.executeQuery(explain + "EXECUTE " + PREPARED + "("
                        + String.join(", ", Collections.nCopies(count, "NULL")) + ")")) {
                    return collect(rs);
                } finally {
                    try (PreparedStatement ps = connection.prepareStatement(
                            "SELECT set_config('plan_cache_mode', ?, false)")) {
                        ps.setString(1, previous);
                        ps.execute();
                    }
                }
            } catch (SQLException e) {
                failure = e;
                throw e;
            } finally {
                try {
                    st.execute("DEALLOCATE " + PREPARED);
                } catch (SQLException e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        }
    }

    private static String collect(ResultSet rs) throws SQLException {
        StringBuilder out = new StringBuilder();
        while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
        }
        return out.toString();
    }

    /** The parameter numbers in order of occurrence ($2 ... $1 ... $2 gives [2, 1, 2]). */
    static List<Integer> parameterOrder(String text) {
        List<Integer> out = new ArrayList<>();
        Lexer lexer = new Lexer(text);
        Token t;
        while ((t = lexer.next()) != null) {
            if (t.type() == TokenType.PARAM) {
                out.add(Integer.parseInt(t.text().substring(1)));
            }
        }
        return out;
    }

    /** $n becomes pgjdbc's ?, and a ? operator (jsonb) is escaped as ??. Quotes and comments are kept as they are. */
    static String jdbcPlaceholders(String text) {
        StringBuilder out = new StringBuilder();
        Lexer lexer = new Lexer(text);
        int at = 0;
        Token t;
        while ((t = lexer.next()) != null) {
            if (t.type() == TokenType.PARAM) {
                out.append(text, at, t.start()).append('?');
                at = t.end();
            } else if (t.type() == TokenType.SYMBOL && t.text().contains("?")) {
                out.append(text, at, t.start()).append(t.text().replace("?", "??"));
                at = t.end();
            }
        }
        return out.append(text.substring(at)).toString();
    }

    /** reltuples of each relation in the plan; never-analysed tables (-1 or 0 with no pages) are left out. */
    private Map<String, Long> tableRows(PlanNode root) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (PlanNode n : root.flatten()) {
            if (n.relation() == null || out.containsKey(n.relation())) {
                continue;
            }
            int dot = n.relation().indexOf('.');
            String schema = dot < 0 ? "public" : n.relation().substring(0, dot);
            String name = dot < 0 ? n.relation() : n.relation().substring(dot + 1);
            try (PreparedStatement ps = connection.prepareStatement("SELECT c.reltuples, c.relpages FROM pg_class c "
                    + "JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = ? AND c.relname = ?")) {
                ps.setString(1, schema);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getDouble(1) >= 0 && !(rs.getDouble(1) == 0 && rs.getLong(2) == 0)) {
                        out.put(n.relation(), Math.round(rs.getDouble(1)));
                    }
                }
            }
        }
        return out;
    }

    private int serverVersion() throws SQLException {
        try (java.sql.Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
