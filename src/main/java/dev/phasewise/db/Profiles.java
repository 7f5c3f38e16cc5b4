package dev.phasewise.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The saved connection profiles, one YAML file ({@code profiles.yaml} in the platform's config
 * directory, see {@link PgEnvironment#configDirectory()}):
 * <pre>
 * profiles:
 *   - name: shop-staging
 *     url: postgresql://app@staging-db:5432/shop
 *     staging: true
 *     lock_timeout: 2s
 * </pre>
 * Every change rewrites the file through a temporary file and a move, so that a crash or a full
 * disk leaves the old file, never half a file. Nothing with a password is ever written.
 */
public final class Profiles {
    public static final String FILE_NAME = "profiles.yaml";

    /**
     * The YAML mapper, made on first read or write: Jackson's databind and YAML classes cost the
     * window's start about 20 ms when a Profiles was merely created (MainWindow.Options).
     */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The file's shape; a list keeps the user's order. */
    record FileContent(@JsonProperty("profiles") List<Profile> profiles) {
    }

    /**
     * What is read: plain fields rather than the record, because Jackson buffers a record's
     * properties to the end of the entry and would then report an unknown key at the wrong line.
     */
    static final class ReadContent {
        public List<Entry> profiles;
    }

    static final class Entry {
        public String name;
        public String url;
        public boolean staging;
        @JsonProperty("lock_timeout")
        public String lockTimeout;
        @JsonProperty("statement_timeout")
        public String statementTimeout;
    }

    private final Path file;

    public Profiles(Path file) {
        this.file = file;
    }

    /** The profiles file of this platform and user. */
    public static Profiles of(PgEnvironment env) {
        return new Profiles(env.configDirectory().resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** All profiles; none when the file does not exist yet. A malformed file is an error naming its line. */
    public List<Profile> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        ReadContent content;
        try {
            content = Files.size(file) == 0 ? null : Yaml.MAPPER.readValue(file.toFile(), ReadContent.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String line = at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr();
            throw new IllegalArgumentException("malformed profiles file " + file + line + ": " + e.getOriginalMessage()
                    + " (expected 'profiles:' followed by a list of name/url/staging entries)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profiles file " + file + ": " + e.getMessage(), e);
        }
        List<Profile> out = new ArrayList<>();
        for (Entry e : content == null || content.profiles == null ? List.<Entry>of() : content.profiles) {
            if (e == null || e.name == null || e.url == null) {
                throw new IllegalArgumentException("malformed profiles file " + file + ": every profile needs a name and a url");
            }
            out.add(new Profile(e.name, e.url, e.staging, e.lockTimeout, e.statementTimeout));
        }
        return List.copyOf(out);
    }

    public Optional<Profile> get(String name) {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Adds the profile, or replaces the one with the same name. Refuses a URL that holds a password. */
    public void put(Profile profile) {
        profile.validate();
        List<Profile> all = new ArrayList<>(list());
        int i = indexOf(all, profile.name());
        if (i >= 0) {
            all.set(i, profile);
        } else {
            all.add(profile);
        }
        write(all);
    }

    /** Removes the named profile; false when there was none. */
    public boolean remove(String name) {
        List<Profile> all = new ArrayList<>(list());
        int i = indexOf(all, name);
        if (i < 0) {
            return false;
        }
        all.remove(i);
        write(all);
        return true;
    }

    private static int indexOf(List<Profile> all, String name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void write(List<Profile> all) {
        for (Profile p : all) {
            p.validate(); // a hand-edited password must not survive a rewrite either
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
            try {
                Yaml.MAPPER.writeValue(tmp.toFile(), new FileContent(all));
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write profiles file " + file + ": " + e.getMessage(), e);
        }
    }
}
