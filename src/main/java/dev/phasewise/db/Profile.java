package dev.phasewise.db;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A saved connection: a name for a URL or conninfo string that holds no password (that comes
 * from PGPASSWORD or ~/.pgpass when connecting), whether the user declares it staging, and the
 * lock and statement timeouts the team wants for it (notes for now, e.g. "2s").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "url", "staging", "lock_timeout", "statement_timeout"})
public record Profile(@JsonProperty("name") String name,
                      @JsonProperty("url") String url,
                      @JsonProperty("staging") boolean staging,
                      @JsonProperty("lock_timeout") String lockTimeout,
                      @JsonProperty("statement_timeout") String statementTimeout) {

    public Profile(String name, String url, boolean staging) {
        this(name, url, staging, null, null);
    }

    /** Rejects what must never be saved: no name, no URL, an unparsable URL, a password. */
    public void validate() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("profile \"" + name + "\" needs a URL");
        }
        if (ConnInfo.parse(url).containsKey("password")) {
            throw new IllegalArgumentException("profile \"" + name + "\": the URL holds a password, and Phasewise never"
                    + " saves passwords; remove it from the URL and put it in ~/.pgpass or PGPASSWORD");
        }
    }
}
