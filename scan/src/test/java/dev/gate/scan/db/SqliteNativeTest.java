package dev.gate.scan.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

class SqliteNativeTest {

    private static final String NAME = System.mapLibraryName("sqlitejdbc");

    /** After the first database is opened, sqlite-jdbc loads its library from gate's cache, not a fresh temp copy. */
    @Test
    void nativeLibraryIsLoadedFromTheCacheFolder(@TempDir Path dir) {
        try (AdvisoryDb db = AdvisoryDb.openForWrite(dir.resolve("osv.db"))) {
            assertEquals(0, db.info().advisories());
        }
        Path folder = Path.of(System.getProperty("org.sqlite.lib.path"));
        assertTrue(folder.startsWith(GateCache.folder().resolve("native")), folder.toString());
        assertTrue(Files.isRegularFile(folder.resolve(System.getProperty("org.sqlite.lib.name"))), folder.toString());
    }

    @Test
    void aPoisonedCachedLibraryIsReplacedByTheJarsCopyBeforeUse(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("native").resolve("sqlite-jdbc-test");
        Path library = SqliteNative.verifiedLibrary(cache, folder, NAME).orElseThrow();
        assertArrayEquals(jarCopy(), Files.readAllBytes(library));
        Files.writeString(library, "\u007fELF a library someone else wrote");
        Optional<Path> again = SqliteNative.verifiedLibrary(cache, folder, NAME);
        assertEquals(Optional.of(library), again);
        assertArrayEquals(
                jarCopy(), Files.readAllBytes(library), "the poisoned file is replaced, never handed to the loader");
    }

    @Test
    void aRecordNamingSomethingOtherThanOneOfTheJarsLibrariesIsIgnored(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("native").resolve("sqlite-jdbc-test");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("resource.txt"), "/org/sqlite/../../../etc/passwd");
        Path library = SqliteNative.verifiedLibrary(cache, folder, NAME).orElseThrow();
        assertArrayEquals(jarCopy(), Files.readAllBytes(library));
        assertEquals(resource(), Files.readString(folder.resolve("resource.txt"), StandardCharsets.UTF_8));
    }

    /** A folder others may write to could have the file swapped between the comparison and the load: not used. */
    @Test
    void aFolderOthersCanWriteToIsNotUsed(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("native").resolve("sqlite-jdbc-test");
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), SqliteNative.verifiedLibrary(cache, folder, NAME));
        assertTrue(Files.notExists(folder.resolve(NAME)));
    }

    @Test
    void newFoldersArePrivate(@TempDir Path cache) throws IOException {
        Path folder = cache.resolve("native").resolve("sqlite-jdbc-test");
        SqliteNative.verifiedLibrary(cache, folder, NAME).orElseThrow();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.getParent())));
    }

    private static String resource() {
        return "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + NAME;
    }

    private static byte[] jarCopy() throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource())) {
            return in.readAllBytes();
        }
    }
}
