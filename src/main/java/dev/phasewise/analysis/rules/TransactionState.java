package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.Command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The transaction and session as a migration tool would run the file: explicit
 * BEGIN ... COMMIT blocks, or one transaction around the whole file when the tool wraps it
 * (Flyway, Django's atomic migrations). Tracks the locks held since the transaction began,
 * whether DDL or data changes happened in it, and the timeouts in effect.
 */
public final class TransactionState {
    private final boolean wrapsFile;
    private boolean explicit;
    private boolean implicitOpen;
    /** A code block (DO, a called procedure) runs in a transaction of its own when none is open. */
    private boolean codeBlock;
    private int beginStatement;
    private final Map<String, HeldLock> held = new LinkedHashMap<>();
    private int ddlStatement;
    private int dmlStatement;
    private String lockTimeout;
    private String localLockTimeout;
    private String statementTimeout;
    private String localStatementTimeout;

    /** A lock held by the open transaction: mode, and the statement that took it. */
    public record HeldLock(String table, LockMode mode, int statementIndex) {
    }

    public TransactionState(boolean wrapsFile) {
        this.wrapsFile = wrapsFile;
        this.implicitOpen = wrapsFile;
    }

    public boolean inTransaction() {
        return explicit || implicitOpen || codeBlock;
    }

    /**
     * A DO block or a called procedure starts: its statements run as one unit, their locks held together until
     * it ends. Outside a transaction it is a transaction of its own; inside one it is part of it.
     */
    public void beginCodeBlock(int index) {
        if (!inTransaction()) {
            codeBlock = true;
            beginStatement = index;
            resetTransaction();
        }
    }

    /** The code block ended: if it was its own transaction, that transaction committed. */
    public void endCodeBlock() {
        if (codeBlock) {
            codeBlock = false;
            endTransaction();
        }
    }

    /** Inside a DO block or called procedure that is its own transaction (none was open around it). */
    public boolean codeBlock() {
        return codeBlock;
    }

    public boolean explicitBlock() {
        return explicit;
    }

    public boolean wrapsFile() {
        return wrapsFile;
    }

    public int beginStatement() {
        return beginStatement;
    }

    public Map<String, HeldLock> heldLocks() {
        return held;
    }

    /** Index of a statement in this transaction that changed the schema, or 0. */
    public int ddlStatement() {
        return ddlStatement;
    }

    /** Index of a statement in this transaction that changed rows of an existing table, or 0. */
    public int dmlStatement() {
        return dmlStatement;
    }

    public boolean lockTimeoutSet() {
        return isPositive(localLockTimeout != null ? localLockTimeout : lockTimeout);
    }

    public boolean statementTimeoutSet() {
        return isPositive(localStatementTimeout != null ? localStatementTimeout : statementTimeout);
    }

    private static boolean isPositive(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !(v.isEmpty() || v.equals("0") || v.equals("default") || v.matches("0+\\s*[a-z]*"));
    }

    /** Updates the state after a statement ran. */
    public void after(int index, Command command, List<TableEffect> effects, boolean changesSchema,
               boolean changesRows) {
        if (command instanceof Command.Transaction t) {
            switch (t.kind()) {
                case "begin" -> {
                    if (!explicit) {
                        explicit = true;
                        beginStatement = index;
                        resetTransaction();
                    }
                }
                case "commit", "rollback", "prepare transaction" -> {
                    explicit = false;
                    codeBlock = false;
                    implicitOpen = false;
                    endTransaction();
                }
                default -> { }
            }
            return;
        }
        if (command instanceof Command.SetVariable s) {
            setVariable(s);
        }
        if (!inTransaction()) {
            return;
        }
        for (TableEffect e : effects) {
            if (e.preexisting()) {
                held.merge(e.name(), new HeldLock(e.name(), e.lock(), index),
                        (a, b) -> b.mode().strongerThan(a.mode()) ? b : a);
            }
        }
        if (changesSchema && ddlStatement == 0) {
            ddlStatement = index;
        }
        if (changesRows && dmlStatement == 0) {
            dmlStatement = index;
        }
    }

    private void setVariable(Command.SetVariable s) {
        String name = s.name();
        if (!name.equals("lock_timeout") && !name.equals("statement_timeout") && !name.equals("all")) {
            return;
        }
        if (name.equals("all")) {
            lockTimeout = null;
            statementTimeout = null;
            return;
        }
        boolean lock = name.equals("lock_timeout");
        if (s.local()) {
            if (inTransaction()) {
                if (lock) {
                    localLockTimeout = s.value();
                } else {
                    localStatementTimeout = s.value();
                }
            }
        } else if (lock) {
            lockTimeout = s.value();
        } else {
            statementTimeout = s.value();
        }
    }

    private void resetTransaction() {
        held.clear();
        ddlStatement = 0;
        dmlStatement = 0;
    }

    private void endTransaction() {
        resetTransaction();
        localLockTimeout = null;
        localStatementTimeout = null;
    }

    /** Outside a transaction every statement commits on its own: forget what it held. */
    public void autocommitted() {
        if (!inTransaction()) {
            resetTransaction();
        }
    }
}
