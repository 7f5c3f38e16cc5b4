package dev.phasewise.sandbox;

import dev.phasewise.platform.BuildPlatform;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded sandbox: a PostgreSQL 17 (zonky's binaries, shipped in the jar) whose data lives in
 * the user's data directory and survives restarts, with database {@value #DATABASE} holding the
 * seed's blog and marked staging ({@code phasewise.environment = 'staging'}).
 *
 * <p>Directory layout: {@code pgdata/} (the cluster), {@code port} (the port chosen the first time,
 * reused), {@code sandbox.lock} (held while a sandbox runs on the directory), {@code running}
 * (pid and URL of that sandbox, for the "already running" message), {@code postgres.log}.
 *
 * <p>Start: a complete earlier load (its marker row in {@value SeedData#META_TABLE}) is reused;
 * otherwise — first start, a load interrupted midway, an older schema version, another --rows —
 * the database is dropped and loaded again in one transaction.
 */
public final class Sandbox implements AutoCloseable {
    public static final String DATABASE = "phasewise_sandbox";
    public static final String USER = "postgres";
    public static final String ENVIRONMENT_SETTING = "phasewise.environment";

    private final Path directory;
    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LoadInfo load;
    private boolean closed;

    private Sandbox(Path directory, EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, LoadInfo load) {
        this.directory = directory;
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.load = load;
    }

    /** Starts the sandbox, loading its data when needed; blocks until it is ready. */
    public static Sandbox start(SandboxOptions options, SandboxListener listener) throws SandboxException {
        // the binaries are the build platform's: elsewhere zonky fails with "missing postgres binaries"
        Optional<String> wrongPlatform = BuildPlatform.mismatch("the sandbox (an embedded PostgreSQL)");
        if (wrongPlatform.isPresent()) {
            throw new SandboxException(wrongPlatform.get());
        }
        Path dir = (options.directory() != null ? options.directory() : SandboxDirs.defaultSandboxDir())
                .toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SandboxException("cannot create the sandbox directory " + dir + ": " + e.getMessage(), e);
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(dir.resolve("sandbox.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
        } catch (IOException e) {
            throw new SandboxException("cannot lock " + dir.resolve("sandbox.lock") + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new SandboxException("a sandbox is already running on " + dir + runningNote(dir)
                    + "; use it, stop it (Ctrl-C where it runs), or choose another --data-dir");
        }
        EmbeddedPostgres pg = null;
        try {
            Path pgdata = dir.resolve("pgdata");
            LeftoverPostmaster.handle(pgdata, listener);
            if (options.reset() && Files.exists(pgdata)) {
                listener.message("reset: deleting " + pgdata);
                deleteTree(pgdata);
            }
            int port = choosePort(options.port(), dir.resolve("port"), listener);
            listener.progress("start", 0, 1);
            Path log = dir.resolve("postgres.log");
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    // a laptop-sized server that loads fast: the sandbox is one user's rehearsal copy
                    // zonky starts test servers with -F (fsync off) and synchronous_commit=off: wrong for data
                    // that must survive a crash, and commit latency is part of what a rehearsal measures
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "16MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("timezone", "UTC")
                    .start();
            Files.writeString(dir.resolve("port"), port + "\n", StandardCharsets.UTF_8);
            listener.progress("start", 1, 1);
            Sandbox sandbox = new Sandbox(dir, pg, channel, lock, prepare(pg, options, listener));
            Files.writeString(dir.resolve("running"), "pid " + ProcessHandle.current().pid() + "\nurl "
                    + sandbox.url() + "\n", StandardCharsets.UTF_8);
            return sandbox;
        } catch (IOException | SQLException | RuntimeException | SandboxException e) {
            if (pg != null) {
                try {
                    pg.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            closeQuietly(channel);
            if (e instanceof SandboxException se) {
                throw se;
            }
            throw new SandboxException("the sandbox did not start: " + e.getMessage()
                    + " (PostgreSQL's log: " + dir.resolve("postgres.log") + ")", e);
        }
    }

    /** Reuses a complete load, or (re)creates the database and loads it; then marks it staging. */
    private static LoadInfo prepare(EmbeddedPostgres pg, SandboxOptions options, SandboxListener listener)
            throws SQLException {
        String jdbc = pg.getJdbcUrl(USER, DATABASE);
        boolean exists;
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            rs.next();
            exists = rs.getInt(1) > 0;
        }
        SeedData.Meta meta = null;
        if (exists) {
            try (Connection c = DriverManager.getConnection(jdbc)) {
                meta = SeedData.readMeta(c);
            }
            String why = null;
            if (meta == null) {
                why = "the earlier load did not finish";
            } else if (meta.schemaVersion() != SeedData.SCHEMA_VERSION) {
                why = "it was loaded by another version of Phasewise (sample schema " + meta.schemaVersion()
                        + ", now " + SeedData.SCHEMA_VERSION + ")";
            } else if (options.articles() != null && options.articles() != meta.sizes().articles()) {
                why = "it holds " + meta.sizes().articles() + " articles, " + options.articles() + " were asked for";
            }
            if (why == null) {
                listener.message("reusing the data loaded at " + meta.loadedAt() + " (" + meta.sizes().articles()
                        + " articles)");
                markStaging(pg);
                return info(meta, true);
            }
            listener.message("loading again: " + why);
        }
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        }
        markStaging(pg);
        long articles = options.articles() != null ? options.articles() : SandboxOptions.DEFAULT_ARTICLES;
        meta = SeedData.load(() -> DriverManager.getConnection(jdbc), articles, listener);
        return info(meta, false);
    }

    private static void markStaging(EmbeddedPostgres pg) throws SQLException {
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + DATABASE + " SET " + ENVIRONMENT_SETTING + " = 'staging'");
        }
    }

    private static LoadInfo info(SeedData.Meta meta, boolean reused) {
        SeedData.Sizes s = meta.sizes();
        return new LoadInfo(s.articles(), s.users(), s.comments(), s.exportJobs(), meta.loadedAt(),
                Duration.ofMillis(meta.loadMillis()), reused);
    }

    /** The libpq URI: {@code postgresql://postgres@localhost:PORT/phasewise_sandbox}. */
    public String url() {
        return "postgresql://" + USER + "@localhost:" + port() + "/" + DATABASE;
    }

    /** The JDBC URL (user included; the sandbox trusts local connections, no password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE + "?user=" + USER;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The sandbox's directory (its PostgreSQL cluster is in {@code pgdata/}). */
    public Path directory() {
        return directory;
    }

    /** What the database holds and whether this start reused it. */
    public LoadInfo load() {
        return load;
    }

    /** A new connection to {@value #DATABASE}; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    public synchronized boolean isRunning() {
        return !closed;
    }

    /** Stops PostgreSQL cleanly (fast shutdown) and releases the directory; the data stays. */
    public synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        } finally {
            try {
                Files.deleteIfExists(directory.resolve("running"));
            } catch (IOException ignored) {
                // only informative
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(lockChannel);
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---- helpers ----

    /**
     * The URL of the sandbox running on a directory (the default one when null), as the note it
     * writes there at start says; empty when none runs. Another process may be using it.
     */
    public static Optional<String> runningUrl(Path directory) {
        Path dir = directory != null ? directory : SandboxDirs.defaultSandboxDir();
        return Optional.ofNullable(runningNoteLine(dir, "url "));
    }

    private static String runningNote(Path dir) {
        String pid = runningNoteLine(dir, "pid ");
        String url = runningNoteLine(dir, "url ");
        return (pid == null ? "" : " (process " + pid + ")") + (url == null ? "" : " at " + url);
    }

    /** The value of the line of the "running" note that starts with {@code prefix}, or null. */
    private static String runningNoteLine(Path dir, String prefix) {
        try {
            for (String line : Files.readString(dir.resolve("running"), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
        } catch (IOException e) {
            // no note: nothing runs there
        }
        return null;
    }

    static int choosePort(Integer requested, Path portFile, SandboxListener listener) throws SandboxException {
        if (requested != null) {
            if (!isFree(requested)) {
                throw new SandboxException("port " + requested + " is in use (another PostgreSQL or sandbox?); "
                        + "choose another --port");
            }
            return requested;
        }
        Integer remembered = null;
        try {
            if (Files.exists(portFile)) {
                remembered = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException | NumberFormatException ignored) {
            // chosen again below
        }
        if (remembered != null && isFree(remembered)) {
            return remembered;
        }
        int from = remembered != null ? remembered : SandboxOptions.DEFAULT_PORT;
        for (int p = from; p < from + 100 && p <= 65535; p++) {
            if (isFree(p)) {
                if (remembered != null) {
                    listener.message("port " + remembered + " is in use; listening on " + p);
                }
                return p;
            }
        }
        throw new SandboxException("no free port in " + from + "-" + (from + 99) + "; choose one with --port");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
