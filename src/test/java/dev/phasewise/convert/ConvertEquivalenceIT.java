package dev.phasewise.convert;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.db.PgEnvironment;
import dev.phasewise.db.trace.CatalogSnapshot;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.run.ActionRecord;
import dev.phasewise.run.BatchedBackfill;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunOptions;
import dev.phasewise.run.RunResult;
import dev.phasewise.run.RunStatus;
import dev.phasewise.run.Runner;
import dev.phasewise.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The converter's contract, on real servers: for every case in {@code convert/cases}, the original
 * migration applied to one database and the converted plan run by the runner (gates confirmed) on a
 * copy of it end in the same catalog and the same data, apart from what the account names as an
 * addition. Runs on the oldest and the newest of -Dphasewise.pgVersions.
 */
class ConvertEquivalenceIT {
    private static final Path CASES = Path.of("src/test/resources/convert/cases");
    private static final Path SAMPLES = Path.of("migrations-samples");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> theConvertedPlanEndsWhereTheOriginalEnds() throws Exception {
        List<Integer> all = TestPostgres.versions();
        List<Integer> majors = all.size() == 1 ? all : List.of(all.get(0), all.get(all.size() - 1));
        List<Path> cases;
        try (Stream<Path> files = Files.list(CASES)) {
            cases = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int major : majors) {
            for (Path c : cases) {
                tests.add(DynamicTest.dynamicTest("PostgreSQL " + major + ": " + c.getFileName(),
                        () -> check(major, Case.read(c))));
            }
        }
        return tests.stream();
    }

    private void check(int major, Case c) throws Exception {
        String base = ("conv_" + c.name().replaceAll("[^a-z0-9]+", "_")).toLowerCase(Locale.ROOT);
        EmbeddedPostgres pg = TestPostgres.server(major);
        String schemaSql = Files.readString(SAMPLES.resolve("schema.sql"), StandardCharsets.UTF_8);
        String original = base + "_a";
        String converted = base + "_b";
        TestPostgres.freshDatabase(major, original);
        try (Connection a = pg.getDatabase("postgres", original).getConnection(); Statement st = a.createStatement()) {
            st.execute(schemaSql);
            st.execute(SEED);
            if (!c.setup().isBlank()) {
                st.execute(c.setup());
            }
            st.execute("ANALYZE");
        }
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + converted);
            st.execute("CREATE DATABASE " + converted + " TEMPLATE " + original);
            st.execute("ALTER DATABASE " + converted + " SET phasewise.environment = 'staging'");
        }

        Conversion conversion = new Converter(new PgVersion(Math.min(major, PgVersion.NEWEST)))
                .convert(c.name(), c.migration(), SchemaFiles.of(schemaSql + ";\n" + c.setup()));
        assertFalse(conversion.hasInputErrors(), conversion.problems().toString());
        // the plan goes through its file format, as `phasewise convert -o` and `phasewise run` would see it
        Path planFile = dir.resolve(base + ".plan.yaml");
        PlanFiles.write(planFile, conversion.plan());
        Plan plan = PlanFiles.read(planFile);
        assertTrue(PlanFiles.validate(plan).isEmpty(), PlanFiles.validate(plan) + "\n" + Files.readString(planFile));

        try (Connection a = pg.getDatabase("postgres", original).getConnection(); Statement st = a.createStatement()) {
            st.execute(c.migration());
        }
        RunResult result;
        try (Database db = Database.open(settings(pg, converted))) {
            result = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(),
                    new CopyOnWriteArrayList<RunEvent>()::add).start(plan, planFile, new RunControl());
        }
        String yaml = Files.readString(planFile);
        assertEquals(RunStatus.SUCCEEDED, result.status(), result.message() + "\n" + yaml);
        for (ActionRecord action : result.actions()) {
            assertTrue(action.verified() == null || action.verified(), action + "\n" + yaml);
        }

        Map<String, String> before = snapshot(pg, original, c);
        Map<String, String> after = snapshot(pg, converted, c);
        for (String added : c.addedOn(major)) {
            assertTrue(after.keySet().stream().anyMatch(k -> k.endsWith("." + added)),
                    "the plan was to add " + added + "\n" + yaml);
            after.keySet().removeIf(k -> k.endsWith("." + added));
        }
        assertEquals(before, after, "catalog or data differ\n" + yaml);
    }

    /** The catalog (CatalogSnapshot) plus, per table, a digest of its rows, volatile columns reduced to IS NOT NULL. */
    private static Map<String, String> snapshot(EmbeddedPostgres pg, String database, Case c) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection conn = pg.getDatabase("postgres", database).getConnection()) {
            out.putAll(CatalogSnapshot.take(conn).objects());
            List<String> tables = new ArrayList<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                List<String> columns = new ArrayList<>();
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT attname FROM pg_attribute WHERE attrelid = '" + t + "'::regclass AND attnum > 0 "
                                + "AND NOT attisdropped ORDER BY attname")) {
                    while (rs.next()) {
                        String col = rs.getString(1);
                        columns.add(c.volatileColumns().contains(t + "." + col) ? "(\"" + col + "\" IS NOT NULL)"
                                : "\"" + col + "\"");
                    }
                }
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*) || ' ' || md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) FROM "
                                + "(SELECT " + String.join(", ", columns) + " FROM \"" + t + "\") r")) {
                    rs.next();
                    out.put("rows " + t, rs.getString(1));
                }
            }
        }
        return out;
    }

    private static ConnectionSettings settings(EmbeddedPostgres pg, String database) {
        return ConnectionSettings.resolve(Map.of("host", "localhost", "port", Integer.toString(pg.getPort()), "user",
                "postgres", "dbname", database), new PgEnvironment(Map.of(), Path.of("/nonexistent-home"), "nobody",
                PgEnvironment.Os.POSIX));
    }

    private static final String SEED = """
            INSERT INTO auth_user (username, email) SELECT 'user' || g, 'user' || g || '@example.com'
              FROM generate_series(1, 3) g;
            INSERT INTO articles_article (author_id, title, slug, body, status, published_at)
              SELECT 1 + g % 3, 'Title ' || g, 'slug-' || g, repeat('Body text ', 1 + g % 40) || g,
                     CASE WHEN g % 2 = 0 THEN 'published' ELSE 'draft' END,
                     CASE WHEN g % 2 = 0 THEN timestamptz '2026-01-01' - g * interval '1 hour' END
              FROM generate_series(1, 12000) g;
            INSERT INTO articles_comment (article_id, author_id, body)
              SELECT 1 + g % 12000, 1 + g % 3, 'comment ' || g FROM generate_series(1, 6000) g;
            INSERT INTO tasks_taskexportjob (owner_id, status, file_path)
              SELECT 1 + g % 3, CASE WHEN g % 3 = 0 THEN 'done' ELSE 'pending' END, '/tmp/' || g
              FROM generate_series(1, 500) g;
            """;

    /**
     * One case file: "-- setup" SQL for both databases, "-- migration" SQL, "-- volatile: table.column" (compared
     * as IS NOT NULL) and "-- added: name [from N]" (an object the plan adds, on PostgreSQL N and later).
     */
    record Case(String name, String setup, String migration, List<String> volatileColumns, List<String> added) {
        List<String> addedOn(int major) {
            List<String> out = new ArrayList<>();
            for (String a : added) {
                String[] words = a.split("\\s+");
                if (words.length == 1 || words.length == 3 && words[1].equals("from")
                        && major >= Integer.parseInt(words[2])) {
                    out.add(words[0]);
                }
            }
            return out;
        }

        static Case read(Path file) throws Exception {
            StringBuilder setup = new StringBuilder();
            StringBuilder migration = new StringBuilder();
            List<String> volatiles = new ArrayList<>();
            List<String> added = new ArrayList<>();
            StringBuilder into = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.equals("-- setup")) {
                    into = setup;
                } else if (t.equals("-- migration")) {
                    into = migration;
                } else if (t.startsWith("-- volatile:")) {
                    volatiles.add(t.substring("-- volatile:".length()).strip());
                } else if (t.startsWith("-- added:")) {
                    added.add(t.substring("-- added:".length()).strip());
                } else if (into != null) {
                    into.append(line).append('\n');
                }
            }
            return new Case(file.getFileName().toString(), setup.toString(), migration.toString(), volatiles, added);
        }
    }
}
