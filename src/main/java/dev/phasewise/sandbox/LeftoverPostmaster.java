package dev.phasewise.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code postmaster.pid} a sandbox finds in its cluster before it starts, and what to do about it.
 *
 * <p>A pid in that file is only a number: once the PostgreSQL that wrote it is gone, the system may
 * give it to any other program. So the process it names is signalled only when it is proven to be
 * this sandbox's PostgreSQL: its program is {@code postgres}, it runs in this cluster (a postmaster
 * works in its data directory, and its {@code -D} names it), and it started when the file says its
 * postmaster started. A process proven to be something else is left alone, and the stale file is moved
 * aside so that PostgreSQL can start (it refuses to start over a pid file naming a live process) — but
 * only when no process of this cluster is to be seen. Anything in between is not touched: the start
 * stops and says what to check.
 */
final class LeftoverPostmaster {
    /** postmaster.pid's start time is in whole seconds, written just after the process starts. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(5);

    /** The lines of postmaster.pid that matter here (PostgreSQL's lock file, lines 1 to 4). */
    record PidFile(long pid, String dataDirectory, Instant started, Integer port) {
        static Optional<PidFile> read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.empty();
            }
            try {
                long pid = Long.parseLong(lines.get(0).trim());
                String dir = lines.size() > 1 ? lines.get(1).trim() : null;
                Instant started = lines.size() > 2 ? Instant.ofEpochSecond(Long.parseLong(lines.get(2).trim())) : null;
                Integer port = lines.size() > 3 ? Integer.valueOf(lines.get(3).trim()) : null;
                return Optional.of(new PidFile(pid, dir, started, port));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** What the process a pid file names turned out to be. */
    sealed interface Verdict {
        /** This sandbox's PostgreSQL, left running: stop it. */
        record Ours() implements Verdict {
        }

        /** Another program: never signalled; {@code why} says how we know. */
        record Other(String why) implements Verdict {
        }

        /** Cannot be shown either way: {@code why} says what is missing. */
        record Unknown(String why) implements Verdict {
        }
    }

    private LeftoverPostmaster() {
    }

    /**
     * Stops a PostgreSQL proven to be this sandbox's and left running, or moves aside a pid file
     * proven stale; refuses (without touching any process) when neither can be shown.
     */
    static void handle(Path pgdata, SandboxListener listener) throws SandboxException {
        Path file = pgdata.resolve("postmaster.pid");
        if (!Files.exists(file)) {
            return;
        }
        Optional<PidFile> read = PidFile.read(file);
        if (read.isEmpty()) {
            return; // PostgreSQL reads it itself, and says what is wrong with it
        }
        PidFile pidFile = read.get();
        Optional<ProcessHandle> process = ProcessHandle.of(pidFile.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // no such process: PostgreSQL sees the file is stale and replaces it
        }
        ProcessHandle p = process.get();
        Verdict verdict = judge(p, pidFile, pgdata);
        if (verdict instanceof Verdict.Ours) {
            stop(p, pgdata, listener);
            return;
        }
        if (verdict instanceof Verdict.Other other) {
            Optional<ProcessHandle> member = clusterProcess(pgdata);
            if (member.isEmpty()) {
                moveAside(file, pidFile.pid(), describe(p), other.why(), listener);
                return;
            }
            verdict = new Verdict.Unknown(other.why() + ", but process " + member.get().pid() + " ("
                    + describe(member.get()) + ") works in " + pgdata);
        }
        String why = ((Verdict.Unknown) verdict).why();
        throw new SandboxException(file + " names process " + pidFile.pid() + " (" + describe(p) + "), which is "
                + "running but cannot be shown to be this sandbox's PostgreSQL: " + why + ". It was not signalled. "
                + "Check it with: ps -o pid,lstart,args -p " + pidFile.pid() + " (and ps -ef | grep postgres). If it is "
                + "a PostgreSQL on " + pgdata + ", stop it with kill -INT " + pidFile.pid() + "; if no PostgreSQL runs "
                + "on " + pgdata + ", delete " + file + "; then start the sandbox again");
    }

    /** Whether {@code p} is the postmaster that wrote {@code pidFile} for the cluster {@code pgdata}. */
    static Verdict judge(ProcessHandle p, PidFile pidFile, Path pgdata) {
        ProcessHandle.Info info = p.info();
        Optional<String> program = program(info);
        if (program.isEmpty()) {
            return new Verdict.Unknown("its program cannot be read");
        }
        if (!isPostgres(program.get())) {
            return new Verdict.Other("its program is " + program.get() + ", not postgres");
        }
        Optional<Path> cwd = workingDirectory(p);
        Optional<Path> dashD = dataDirectoryArgument(info, cwd);
        if (cwd.isEmpty() && dashD.isEmpty()) {
            return new Verdict.Unknown("its working directory and its -D cannot be read");
        }
        Path ours = real(pgdata);
        if (cwd.isPresent() && !real(cwd.get()).equals(ours)) {
            return new Verdict.Other("it works in " + cwd.get() + ", not in " + pgdata);
        }
        if (dashD.isPresent() && !real(dashD.get()).equals(ours)) {
            return new Verdict.Other("its -D is " + dashD.get() + ", not " + pgdata);
        }
        Optional<Instant> started = info.startInstant();
        if (pidFile.started() == null || started.isEmpty()) {
            return new Verdict.Unknown("its start time cannot be compared with the pid file's");
        }
        if (Duration.between(pidFile.started(), started.get()).abs().compareTo(START_TOLERANCE) > 0) {
            return new Verdict.Other("it started at " + started.get() + ", the pid file's PostgreSQL at "
                    + pidFile.started());
        }
        Optional<Integer> port = portArgument(info);
        if (port.isPresent() && pidFile.port() != null && !port.get().equals(pidFile.port())) {
            return new Verdict.Other("it listens on port " + port.get() + ", the pid file's PostgreSQL on "
                    + pidFile.port());
        }
        return new Verdict.Ours();
    }

    private static void stop(ProcessHandle p, Path pgdata, SandboxListener listener) throws SandboxException {
        long pid = p.pid();
        listener.message("stopping PostgreSQL (pid " + pid + ") left running on " + pgdata + " by an earlier sandbox");
        try {
            // SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for its clients to leave)
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            p.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new SandboxException("PostgreSQL (pid " + pid + ") still runs on " + pgdata
                    + ", left by an earlier sandbox; stop it (kill -INT " + pid + ") and start again", e);
        }
    }

    private static void moveAside(Path file, long pid, String what, String why, SandboxListener listener)
            throws SandboxException {
        Path aside = file.resolveSibling("postmaster.pid.stale");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SandboxException(file + " is stale (process " + pid + " is " + what + ": " + why + ") and "
                    + "cannot be moved aside: " + e.getMessage() + "; delete it and start again", e);
        }
        listener.message(file + " was stale: process " + pid + " is another program now (" + what + "; " + why
                + "); left that process alone and moved the file to " + aside);
    }

    /** A process of the cluster still to be seen: postgres, working in its data directory. */
    private static Optional<ProcessHandle> clusterProcess(Path pgdata) {
        Path ours = real(pgdata);
        return ProcessHandle.allProcesses()
                .filter(h -> program(h.info()).map(LeftoverPostmaster::isPostgres).orElse(false))
                .filter(h -> workingDirectory(h).map(d -> real(d).equals(ours)).orElse(false))
                .findFirst();
    }

    private static Optional<String> program(ProcessHandle.Info info) {
        return info.command().or(() -> info.arguments().filter(a -> a.length > 0).map(a -> a[0]));
    }

    private static boolean isPostgres(String program) {
        Path name = Path.of(program).getFileName();
        return name != null && (name.toString().equals("postgres") || name.toString().equals("postmaster"));
    }

    /** Linux: /proc/PID/cwd; empty where it cannot be read. */
    private static Optional<Path> workingDirectory(ProcessHandle p) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> dataDirectoryArgument(ProcessHandle.Info info, Optional<Path> cwd) {
        return argument(info, "-D").map(d -> cwd.map(c -> c.resolve(d)).orElse(Path.of(d)));
    }

    private static Optional<Integer> portArgument(ProcessHandle.Info info) {
        try {
            return argument(info, "-p").map(Integer::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value of {@code -X value} or {@code -Xvalue} among the process's arguments. */
    private static Optional<String> argument(ProcessHandle.Info info, String option) {
        String[] args = info.arguments().orElse(new String[0]);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(option) && i + 1 < args.length) {
                return Optional.of(args[i + 1]);
            }
            if (args[i].startsWith(option) && args[i].length() > option.length()) {
                return Optional.of(args[i].substring(option.length()));
            }
        }
        return Optional.empty();
    }

    private static String describe(ProcessHandle p) {
        return p.info().commandLine().or(() -> program(p.info())).orElse("program unknown");
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
