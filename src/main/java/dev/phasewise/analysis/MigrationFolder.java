package dev.phasewise.analysis;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of migrations, in the order its tool runs them: Flyway ({@code V<version>__*.sql},
 * versions compared part by part as numbers, repeatable {@code R__} files last), golang-migrate
 * ({@code *.up.sql}), dbmate (the {@code -- migrate:up} section of each file), sqitch
 * ({@code deploy/} in {@code sqitch.plan} order), Prisma ({@code <timestamp>_<name>/migration.sql}), Diesel and
 * Sourcegraph ({@code <version>_<name>/up.sql}), the last two one directory per migration, ordered by directory
 * name; or plain files ordered by their leading number.
 */
public final class MigrationFolder {

    /** The convention a folder follows. */
    public enum Style { FLYWAY, GOLANG_MIGRATE, DBMATE, SQITCH, PRISMA, DIESEL, NUMBERED }

    /** One migration: its file, and what to analyse of it (for dbmate, the up section; other lines blank). */
    public record Migration(Path file, String text) {
    }

    /** The folder's migrations in run order; a file that cannot be read is listed with a null text. */
    public record Ordered(Style style, List<Migration> migrations, List<String> problems) {
    }

    private static final Pattern FLYWAY = Pattern.compile("(?i)V([0-9][0-9._]*)__.*\\.sql");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("(?i)R__.*\\.sql");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    private MigrationFolder() {
    }

    public static Ordered read(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("sqitch.plan"))) {
            return sqitch(dir, problems);
        }
        Ordered perDirectory = onePerDirectory(dir, problems);
        if (perDirectory != null) {
            return perDirectory;
        }
        List<Path> sql;
        try (Stream<Path> files = Files.list(dir)) {
            sql = files.filter(Files::isRegularFile).filter(p -> name(p).toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .toList();
        }
        if (sql.stream().anyMatch(p -> name(p).endsWith(".up.sql"))) {
            List<Path> up = sql.stream().filter(p -> name(p).endsWith(".up.sql"))
                    .sorted(byLeadingNumber()).toList();
            return new Ordered(Style.GOLANG_MIGRATE, load(up, problems), problems);
        }
        if (sql.stream().anyMatch(p -> FLYWAY.matcher(name(p)).matches())) {
            List<Path> versioned = sql.stream().filter(p -> FLYWAY.matcher(name(p)).matches())
                    .sorted(Comparator.comparing(p -> flywayVersion(name(p)), MigrationFolder::compareVersions))
                    .toList();
            List<Path> repeatable = sql.stream().filter(p -> FLYWAY_REPEATABLE.matcher(name(p)).matches())
                    .sorted(Comparator.comparing(MigrationFolder::name)).toList();
            List<Path> all = new ArrayList<>(versioned);
            all.addAll(repeatable);
            return new Ordered(Style.FLYWAY, load(all, problems), problems);
        }
        List<Path> numbered = sql.stream().sorted(byLeadingNumber()).toList();
        List<Migration> loaded = load(numbered, problems);
        if (loaded.stream().noneMatch(m -> m.text() != null && m.text().contains("-- migrate:up"))) {
            return new Ordered(Style.NUMBERED, loaded, problems);
        }
        List<Migration> up = loaded.stream()
                .map(m -> new Migration(m.file(), m.text() == null ? null : upSection(m.text()))).toList();
        return new Ordered(Style.DBMATE, up, problems);
    }

    /**
     * One directory per migration: Prisma's {@code <timestamp>_<name>/migration.sql} (its
     * {@code migration_lock.toml} is no migration), or Diesel's and Sourcegraph's {@code <version>_<name>/up.sql}
     * ({@code down.sql} undoes it and is left out). Both tools run them in the order of the directory names,
     * which start with their version: compared here by that leading number, then by name. Null when the folder
     * is not laid out so.
     */
    private static Ordered onePerDirectory(Path dir, List<String> problems) throws IOException {
        List<Path> dirs;
        try (Stream<Path> entries = Files.list(dir)) {
            dirs = entries.filter(Files::isDirectory).sorted(byLeadingNumber()).toList();
        }
        for (String script : List.of("migration.sql", "up.sql")) {
            List<Path> files = dirs.stream().map(d -> d.resolve(script)).filter(Files::isRegularFile).toList();
            if (!files.isEmpty()) {
                return new Ordered(script.equals("up.sql") ? Style.DIESEL : Style.PRISMA, load(files, problems),
                        problems);
            }
        }
        return null;
    }

    private static Ordered sqitch(Path dir, List<String> problems) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("sqitch.plan"), StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("%") || t.startsWith("#") || t.startsWith("@")) {
                continue; // pragmas, comments and tags
            }
            String change = t.split("\\s+")[0];
            Path deploy = dir.resolve("deploy").resolve(change + ".sql");
            if (Files.isRegularFile(deploy)) {
                files.add(deploy);
            } else {
                problems.add("sqitch.plan names " + change + ", but deploy/" + change + ".sql does not exist");
            }
        }
        return new Ordered(Style.SQITCH, load(files, problems), problems);
    }

    private static List<Migration> load(List<Path> files, List<String> problems) {
        List<Migration> out = new ArrayList<>();
        for (Path p : files) {
            SourceFiles.Loaded loaded = SourceFiles.read(p);
            String text = loaded.text();
            if (text == null) {
                problems.add(p + ": " + loaded.problem());
            }
            out.add(new Migration(p, text));
        }
        return out;
    }

    /**
     * dbmate's up section: the lines after {@code -- migrate:up} until {@code -- migrate:down}; every
     * other line is kept blank, so that findings keep the file's own line numbers.
     */
    static String upSection(String text) {
        StringBuilder out = new StringBuilder();
        boolean up = !text.contains("-- migrate:up");
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("-- migrate:up")) {
                up = true;
                out.append('\n');
                continue;
            }
            if (t.startsWith("-- migrate:down")) {
                up = false;
            }
            out.append(up ? line : "").append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static Comparator<Path> byLeadingNumber() {
        return Comparator.<Path, BigInteger>comparing(p -> {
            Matcher m = LEADING_NUMBER.matcher(name(p));
            return m.find() ? new BigInteger(m.group(1)) : BigInteger.valueOf(-1);
        }).thenComparing(MigrationFolder::name);
    }

    private static List<BigInteger> flywayVersion(String name) {
        Matcher m = FLYWAY.matcher(name);
        m.matches();
        List<BigInteger> parts = new ArrayList<>();
        for (String part : m.group(1).split("[._]+")) {
            if (!part.isEmpty()) {
                parts.add(new BigInteger(part));
            }
        }
        return parts;
    }

    /** Flyway's order: part by part as numbers, a missing part counting as 0 (1.1 = 1.1.0 < 1.1.1 < 1.10). */
    private static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
