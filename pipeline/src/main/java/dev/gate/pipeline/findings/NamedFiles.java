package dev.gate.pipeline.findings;

import dev.gate.errors.GateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files a user names with a flag (--waivers, --vex): read whole, but never more than a bound, even as they grow. */
final class NamedFiles {

    private NamedFiles() {}

    /** The bytes of {@code file}, or an input error naming {@code flag} and the file. */
    static byte[] read(String flag, Path file, long max) {
        if (!Files.isRegularFile(file)) {
            throw GateException.input(flag + " " + file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw GateException.input(flag + " " + file + ": over " + max + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw GateException.input(flag + " " + file + ": no such file");
        } catch (IOException e) {
            throw GateException.input(flag + " " + file + ": cannot read: " + e.getMessage());
        }
    }
}
