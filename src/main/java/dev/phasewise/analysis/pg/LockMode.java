package dev.phasewise.analysis.pg;

import java.util.Locale;

/**
 * PostgreSQL's table-level lock modes, in the order of the documentation's conflict table,
 * named as {@code pg_locks.mode} names them. "Stronger" means later in this order.
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock", "ACCESS SHARE"),
    ROW_SHARE("RowShareLock", "ROW SHARE"),
    ROW_EXCLUSIVE("RowExclusiveLock", "ROW EXCLUSIVE"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", "SHARE UPDATE EXCLUSIVE"),
    SHARE("ShareLock", "SHARE"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE"),
    EXCLUSIVE("ExclusiveLock", "EXCLUSIVE"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock", "ACCESS EXCLUSIVE");

    /** Conflict matrix from the PostgreSQL documentation (13.3.1), by ordinal. */
    private static final boolean[][] CONFLICTS = {
            {false, false, false, false, false, false, false, true},
            {false, false, false, false, false, false, true, true},
            {false, false, false, false, true, true, true, true},
            {false, false, false, true, true, true, true, true},
            {false, false, true, true, false, true, true, true},
            {false, false, true, true, true, true, true, true},
            {false, true, true, true, true, true, true, true},
            {true, true, true, true, true, true, true, true},
    };

    private final String pgName;
    private final String sqlName;

    LockMode(String pgName, String sqlName) {
        this.pgName = pgName;
        this.sqlName = sqlName;
    }

    /** The name {@code pg_locks.mode} shows, e.g. {@code AccessExclusiveLock}. */
    public String pgName() {
        return pgName;
    }

    /** The name LOCK TABLE ... IN ... MODE takes, e.g. {@code ACCESS EXCLUSIVE}. */
    public String sqlName() {
        return sqlName;
    }

    public boolean conflictsWith(LockMode other) {
        return CONFLICTS[ordinal()][other.ordinal()];
    }

    public boolean strongerThan(LockMode other) {
        return ordinal() > other.ordinal();
    }

    public static LockMode strongest(LockMode a, LockMode b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Blocks plain SELECTs (only ACCESS EXCLUSIVE does). */
    public boolean blocksReads() {
        return conflictsWith(ACCESS_SHARE);
    }

    /** Blocks INSERT/UPDATE/DELETE (which take ROW EXCLUSIVE). */
    public boolean blocksWrites() {
        return conflictsWith(ROW_EXCLUSIVE);
    }

    /** Blocks SELECT ... FOR UPDATE/SHARE (ROW SHARE). */
    public boolean blocksLockingReads() {
        return conflictsWith(ROW_SHARE);
    }

    /** What the application feels while the lock is held on {@code table}, in words. */
    public String effectOn(String table) {
        if (blocksReads()) {
            return "blocks all reads and writes of " + table;
        }
        if (blocksLockingReads()) {
            return "blocks writes and SELECT ... FOR UPDATE on " + table + " (plain reads continue)";
        }
        if (blocksWrites()) {
            return "blocks writes (INSERT, UPDATE, DELETE) of " + table + " (reads continue)";
        }
        if (this == SHARE_UPDATE_EXCLUSIVE) {
            return "lets reads and writes of " + table + " continue, but blocks DDL, VACUUM and ANALYZE on it";
        }
        return "lets reads and writes of " + table + " continue, but blocks DDL that needs a stronger lock";
    }

    public static LockMode fromPgName(String name) {
        for (LockMode m : values()) {
            if (m.pgName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown table lock mode " + name);
    }

    /** Parses the words of LOCK TABLE ... IN <words> MODE, case-insensitively. */
    public static LockMode fromSqlName(String words) {
        String w = words.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        for (LockMode m : values()) {
            if (m.sqlName.equals(w)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown lock mode " + words);
    }
}
