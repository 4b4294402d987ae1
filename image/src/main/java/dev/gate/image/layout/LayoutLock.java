package dev.gate.image.layout;

import dev.gate.errors.GateException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the read-modify-write of a layout's {@code index.json} across processes (two CI jobs writing one layout)
 * and threads: an operating-system lock on {@code index.json.lock} beside it. The system drops the lock when its holder
 * ends, however it ends, so a lock left by a killed process never blocks the next run; the file itself is harmless.
 */
public final class LayoutLock {

    static final String FILE = "index.json.lock";

    /** A process holds one OS lock per file; threads of this JVM queue on this lock first. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private LayoutLock() {}

    /** An action on the layout that may throw {@link IOException}. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} holding the layout's lock; waits for another holder to finish. */
    @SuppressWarnings("try") // the file lock works by being open: the try's body has no use for it
    public static <T> T holding(Path root, Action<T> action) throws IOException {
        Path file = root.resolve(FILE);
        if (Files.isSymbolicLink(file)) {
            // Opening it would write wherever it points; the open below refuses links too, should one appear meanwhile.
            throw GateException.input("oci layout " + root + ": " + FILE + " is a symbolic link");
        }
        ReentrantLock local = IN_PROCESS.computeIfAbsent(root.toAbsolutePath().normalize(), r -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                FileLock held = channel.lock()) {
            return action.run();
        } finally {
            local.unlock();
        }
    }
}
