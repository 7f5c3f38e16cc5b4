package dev.phasewise.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * libpq's password file ({@code ~/.pgpass}): lines {@code hostname:port:database:username:password},
 * {@code *} matching anything in the first four fields, {@code \:} and {@code \\} escapes, the first
 * matching line winning. Like libpq, a file that group or others may read is ignored with a warning
 * (on file systems that have POSIX permissions), so a leaked password file does not silently work.
 */
public final class PgPass {
    private final List<List<String>> entries;

    private PgPass(List<List<String>> entries) {
        this.entries = entries;
    }

    /** Reads the file; a missing, unreadable or too-open file gives an empty one (warnings go to {@code warn}). */
    public static PgPass read(Path file, Consumer<String> warn) {
        if (!Files.isRegularFile(file)) {
            return new PgPass(List.of());
        }
        try {
            if (tooOpen(file)) {
                warn.accept("password file \"" + file + "\" has group or world access; permissions should be u=rw (0600) or less"
                        + " — ignoring it (chmod 0600 " + file + ")");
                return new PgPass(List.of());
            }
            return parse(Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            warn.accept("cannot read password file \"" + file + "\": " + e.getMessage());
            return new PgPass(List.of());
        }
    }

    private static boolean tooOpen(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
        } catch (UnsupportedOperationException e) {
            return false; // Windows: libpq does not check either
        }
    }

    /** Parses the lines of a password file; comments and lines with fewer than five fields are skipped. */
    public static PgPass parse(List<String> lines) {
        List<List<String>> entries = new ArrayList<>();
        for (String line : lines) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            List<String> fields = split(l);
            if (fields.size() == 5) {
                entries.add(fields);
            }
        }
        return new PgPass(entries);
    }

    /**
     * Splits at unescaped colons into four fields and the password (which may itself contain
     * escaped colons). A field that is exactly an unescaped {@code *} is kept as {@code null}, the
     * wildcard, so that an escaped {@code \*} still means a literal star.
     */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean escapedSomething = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                escapedSomething = true;
            } else if (c == ':' && fields.size() < 4) {
                fields.add(!escapedSomething && cur.toString().equals("*") ? null : cur.toString());
                cur.setLength(0);
                escapedSomething = false;
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }

    /**
     * The password for a connection, from the first matching line. A host that is a Unix socket
     * directory (or none at all) matches the name {@code localhost}, as in libpq.
     */
    public Optional<String> find(String host, int port, String database, String user) {
        String h = host == null || host.isEmpty() || host.startsWith("/") ? "localhost" : host;
        String[] wanted = {h, Integer.toString(port), database, user};
        for (List<String> e : entries) {
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = e.get(i) == null || e.get(i).equals(wanted[i]);
            }
            if (match) {
                return Optional.of(e.get(4));
            }
        }
        return Optional.empty();
    }
}
