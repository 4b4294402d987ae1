package dev.gate.scan.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Where sqlite-jdbc loads its native library from. Left alone, it copies the library out of its
 * jar into the temp folder on every start and compares the copy with the jar's byte by byte, a
 * tenth of a whole {@code gate scan}. Copied once into gate's cache folder (one file per
 * sqlite-jdbc version and platform, moved into place atomically), later runs load it directly.
 * Any problem here leaves sqlite-jdbc to its own way.
 */
final class SqliteNative {

    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static boolean prepared;

    private SqliteNative() {
    }

    static synchronized void prepare() {
        if (prepared || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        prepared = true;
        try {
            String name = System.mapLibraryName("sqlitejdbc");
            Path folder = GateCache.folder().resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-"
                    + System.getProperty("os.name") + "-" + System.getProperty("os.arch") + (musl() ? "-musl" : ""));
            if (!folder.isAbsolute()) {
                return; // no home folder (user.home "?"): never write a cache under the working directory
            }
            Path library = folder.resolve(name);
            // OSInfo names the jar's folder for this platform, but asks `uname` in a child process: only on a miss.
            if (!Files.isRegularFile(library)
                    && !copy("/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name, folder, library)) {
                return;
            }
            System.setProperty(PATH_PROPERTY, folder.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc extracts the library itself, as it always does.
        }
    }

    /** musl and glibc builds differ on the same OS and architecture; musl systems have its loader in /lib. */
    private static boolean musl() {
        try (var entries = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
            return entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean copy(String resource, Path folder, Path library) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false; // no bundled library for this platform: sqlite-jdbc looks on the system path
            }
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, name(library), ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
