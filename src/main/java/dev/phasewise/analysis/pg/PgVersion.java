package dev.phasewise.analysis.pg;

/** A PostgreSQL major version that Phasewise analyses for (12 through 18). */
public record PgVersion(int major) {
    public static final int OLDEST = 12;
    public static final int NEWEST = 18;
    public static final PgVersion DEFAULT = new PgVersion(17);

    public PgVersion {
        if (major < OLDEST || major > NEWEST) {
            throw new IllegalArgumentException("PostgreSQL " + major + " is not supported; Phasewise analyses "
                    + OLDEST + " through " + NEWEST);
        }
    }

    public boolean atLeast(int otherMajor) {
        return major >= otherMajor;
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major;
    }
}
