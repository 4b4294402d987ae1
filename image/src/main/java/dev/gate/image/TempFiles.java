package dev.gate.image;

import dev.gate.errors.GateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Private temporary folders (mode 0700 where the file system has modes) that are removed when their owner
 * closes them and, for a run stopped by SIGTERM or SIGINT, by one shutdown hook: no path a run created
 * outlives it. Files inside are created by the owner; nothing here follows a symbolic link when removing.
 */
public final class TempFiles {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(TempFiles::removeQuietly), "gate-temp-cleanup"));
    }

    private TempFiles() {}

    /** A new private folder, named {@code prefix...}; remove it with {@link Folder#close()}. */
    public static Folder folder(String prefix) {
        try {
            Path dir = Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir")))
                            .supportsFileAttributeView("posix")
                    ? Files.createTempDirectory(
                            prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(prefix);
            LIVE.add(dir);
            return new Folder(dir);
        } catch (IOException e) {
            throw GateException.operational("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    /** A private temporary folder that exists until closed (or the JVM ends). */
    public static final class Folder implements AutoCloseable {
        private final Path path;

        private Folder(Path path) {
            this.path = path;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() {
            removeQuietly(path);
            LIVE.remove(path);
        }
    }

    private static void removeQuietly(Path root) {
        try {
            if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a file another process holds open is gone at its close on POSIX anyway
        }
    }
}
