package dev.phasewise.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a migration file as text, or says clearly why it cannot: missing, a directory,
 * unreadable, binary. Text that is not valid UTF-8 is read with replacement characters and
 * reported, so that the rest of the file is still analysed.
 */
public final class SourceFiles {
    private SourceFiles() {
    }

    /** The text, and a problem when there was one (null text means nothing could be read). */
    public record Loaded(String text, String problem, int problemLine) {
    }

    public static Loaded read(Path path) {
        if (Files.isDirectory(path)) {
            return new Loaded(null, "is a directory; pass the migration files themselves (e.g. " + path
                    + "/*.sql)", 0);
        }
        try {
            return decode(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return new Loaded(null, "no such file", 0);
        } catch (AccessDeniedException e) {
            return new Loaded(null, "permission denied", 0);
        } catch (IOException e) {
            return new Loaded(null, "cannot be read: " + e.getMessage(), 0);
        } catch (OutOfMemoryError e) {
            return new Loaded(null, "is too large to read into memory", 0);
        }
    }

    public static Loaded read(InputStream in) throws IOException {
        return decode(in.readAllBytes());
    }

    static Loaded decode(byte[] bytes) {
        int probe = Math.min(bytes.length, 8192);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return new Loaded(null, "is a binary file (it contains NUL bytes), not SQL text", 0);
            }
        }
        int bad = firstInvalidUtf8(bytes);
        if (bad == bytes.length) {
            return new Loaded(new String(bytes, StandardCharsets.UTF_8), null, 0);
        }
        int line = 1;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return new Loaded(text, "is not valid UTF-8 (first bad byte at offset " + bad
                + "); invalid bytes were replaced", line);
    }

    /**
     * The offset of the first byte that is not UTF-8, or the length when all are. Decodes through a small
     * buffer: a file's text is held once as bytes and once as the String, not a third time as chars.
     */
    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            var result = d.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return bytes.length;
            }
            out.clear();
        }
    }
}
