package dev.phasewise.db;

import java.util.Locale;

/** libpq's sslmode values; pgjdbc 42.7 accepts the same words, so they pass through unchanged. */
public enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** The libpq / pgjdbc spelling: {@code verify-full}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SslMode parse(String value) {
        for (SslMode m : values()) {
            if (m.keyword().equalsIgnoreCase(value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("invalid sslmode '" + value
                + "': use disable, allow, prefer, require, verify-ca or verify-full");
    }
}
