package dev.gate.scan.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeTest {

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
}
