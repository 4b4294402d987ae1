package dev.gate.scan.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Where sqlite-jdbc loads its native library from. Left alone, it copies the library out of its
 * jar into the temp folder on every start and compares the copy with the jar's byte by byte, a
 * tenth of a whole {@code gate scan}. Copied once into gate's cache folder (one file per
 * sqlite-jdbc version and platform, moved into place atomically), later runs load it from there.
 * <p>
 * A library is code: a cache folder restored from a shared CI cache, or written by someone else, must
 * not choose what gate loads. So before every use the cached file is compared with the jar's copy and
 * replaced when it differs, and the folders from gate's cache folder down must be ours and writable by
 * no one else (else the file could be swapped after the comparison). Any problem here leaves sqlite-jdbc
 * to its own way.
 */
final class SqliteNative {

    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";
    /** Remembers which of the jar's libraries the cached one is, so a later run need not ask `uname`. */
    private static final String RESOURCE_RECORD = "resource.txt";

    private static final Pattern RESOURCE =
            Pattern.compile("/org/sqlite/native/[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*/[A-Za-z0-9_.-]+");
    private static boolean prepared;

    private SqliteNative() {}

    static synchronized void prepare() {
        if (prepared || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        prepared = true;
        try {
            String name = System.mapLibraryName("sqlitejdbc");
            Path cache = GateCache.folder();
            Path folder = cache.resolve("native")
                    .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + System.getProperty("os.name") + "-"
                            + System.getProperty("os.arch") + (musl() ? "-musl" : ""));
            if (!folder.isAbsolute()) {
                return; // no home folder (user.home "?"): never write a cache under the working directory
            }
            Optional<Path> library = verifiedLibrary(cache, folder, name);
            if (library.isPresent()) {
                System.setProperty(PATH_PROPERTY, folder.toString());
                System.setProperty(NAME_PROPERTY, name);
            }
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc extracts the library itself, as it always does.
        }
    }

    /**
     * The library file in {@code folder} (under the cache root {@code cache}) with exactly the bytes of the
     * jar's copy: written or rewritten as needed. Empty when the jar has no library for this platform or the
     * folders are not private to this user.
     */
    static Optional<Path> verifiedLibrary(Path cache, Path folder, String name) throws IOException {
        Path library = folder.resolve(name);
        Path record = folder.resolve(RESOURCE_RECORD);
        String recorded = recordedResource(record, name);
        String resource = recorded;
        byte[] expected = resource == null ? null : resourceBytes(resource);
        if (expected == null) {
            // OSInfo names the jar's folder for this platform, but asks `uname` in a child process: only on a miss.
            resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
            expected = resourceBytes(resource);
            if (expected == null) {
                return Optional.empty(); // no bundled library for this platform: sqlite-jdbc looks on the system path
            }
        }
        createPrivateFolders(cache, folder);
        if (!privateFolders(cache, folder)) {
            return Optional.empty();
        }
        if (!sameBytes(library, expected)) {
            replace(folder, library, expected);
        }
        if (!resource.equals(recorded)) {
            replace(folder, record, resource.getBytes(StandardCharsets.UTF_8));
        }
        return Optional.of(library);
    }

    /** The jar resource an earlier run recorded, when it has the form of one of sqlite-jdbc's libraries. */
    private static String recordedResource(Path record, String name) {
        try {
            if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS) || Files.size(record) > 256) {
                return null;
            }
            String text = Files.readString(record, StandardCharsets.UTF_8).strip();
            return RESOURCE.matcher(text).matches() && text.endsWith("/" + name) ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] resourceBytes(String resource) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static boolean sameBytes(Path file, byte[] expected) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.size(file) == expected.length
                && Arrays.equals(Files.readAllBytes(file), expected);
    }

    private static void createPrivateFolders(Path cache, Path folder) throws IOException {
        if (!posix(folder.getRoot())) {
            Files.createDirectories(folder);
            return;
        }
        for (Path dir = cache; dir != null && folder.startsWith(dir); dir = next(dir, folder)) {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        }
    }

    /** Each folder from the cache root down to {@code folder}: a real folder, this user's, writable by no one else. */
    private static boolean privateFolders(Path cache, Path folder) throws IOException {
        if (!posix(folder.getRoot())) {
            return true; // no owner or mode bits to check; the byte comparison still holds
        }
        String me = System.getProperty("user.name");
        for (Path dir = cache; dir != null && folder.startsWith(dir); dir = next(dir, folder)) {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()
                    || !a.owner().getName().equals(me)
                    || a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                return false;
            }
        }
        return true;
    }

    /** The next folder on the way from {@code dir} down to {@code folder}, or null past it. */
    private static Path next(Path dir, Path folder) {
        return dir.equals(folder) ? null : dir.resolve(dir.relativize(folder).getName(0));
    }

    private static boolean posix(Path anyPath) {
        return anyPath != null
                && anyPath.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Written beside its final name and moved into place, so a reader never sees half a file. */
    private static void replace(Path folder, Path target, byte[] bytes) throws IOException {
        Path partial = Files.createTempFile(folder, target.getFileName().toString(), ".partial");
        try {
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
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
}
