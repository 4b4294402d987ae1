package dev.gate.sbom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.TempFiles;
import dev.gate.image.fs.SquashLimits;
import dev.gate.image.fs.TestLayers;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomGenerator;
import dev.gate.sbom.Unknown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rpmdb.sqlite files written by an attacker: refused or stopped quickly, reported, and no temporary file left. */
class HostileRpmdbTest {

    private static final String RECURSIVE = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) ";

    private final List<Path> foldersUsed = new ArrayList<>();

    @Test
    void aRecursiveViewNamedPackagesIsRefusedQuicklyAndLeavesNoFolder(@TempDir Path dir) throws Exception {
        Path db =
                database(dir, "CREATE VIEW Packages AS " + RECURSIVE + "SELECT i AS hnum, zeroblob(8) AS blob FROM n");
        Unknown unknown = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onlyUnknown(catalog(db)));
        assertEquals("/var/lib/rpm/rpmdb.sqlite", unknown.path());
        assertTrue(unknown.reason().contains("Packages is a view, not a plain table"), unknown.reason());
        assertFoldersRemoved();
    }

    @Test
    void aTriggerOnPackagesIsRefused(@TempDir Path dir) throws Exception {
        Path db = database(
                dir,
                "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB NOT NULL)",
                "CREATE TABLE log (x)",
                "CREATE TRIGGER spy AFTER INSERT ON Packages BEGIN INSERT INTO log VALUES (new.hnum); END");
        Unknown unknown = onlyUnknown(catalog(db));
        assertTrue(unknown.reason().contains("Packages has triggers"), unknown.reason());
        assertFoldersRemoved();
    }

    @Test
    void aGeneratedBlobColumnIsRefused(@TempDir Path dir) throws Exception {
        Path db = database(
                dir,
                "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, x BLOB, blob BLOB GENERATED ALWAYS AS (x || x))");
        Unknown unknown = onlyUnknown(catalog(db));
        assertTrue(unknown.reason().contains("no stored blob column"), unknown.reason());
    }

    @Test
    void aVirtualTableNamedPackagesIsRefused(@TempDir Path dir) throws Exception {
        Path db = database(dir, "CREATE VIRTUAL TABLE Packages USING rtree(hnum, a, b)");
        Unknown unknown = onlyUnknown(catalog(db));
        assertTrue(unknown.reason().contains("virtual table"), unknown.reason());
    }

    /** The progress handler is what stops a statement that never ends, whatever the schema check lets through. */
    @Test
    void aStatementThatNeverEndsIsStoppedAtTheTimeLimit(@TempDir Path dir) throws Exception {
        Path db = database(dir, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB NOT NULL)");
        try (RpmDatabase rpmdb = RpmDatabase.open(db, Duration.ofMillis(300))) {
            long started = System.nanoTime();
            assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> assertThrows(SQLException.class, () -> {
                        try (Statement s = rpmdb.connection().createStatement()) {
                            s.executeQuery(RECURSIVE + "SELECT count(*) FROM n").next();
                        }
                    }));
            assertTrue(rpmdb.stoppedByTimeLimit());
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
        }
    }

    @Test
    void theConnectionIsReadOnlyAndDistrustsTheSchema(@TempDir Path dir) throws Exception {
        Path db = database(dir, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB NOT NULL)");
        try (RpmDatabase rpmdb = RpmDatabase.open(db, Duration.ofSeconds(5));
                Statement s = rpmdb.connection().createStatement()) {
            var rows = s.executeQuery("PRAGMA trusted_schema");
            assertTrue(rows.next());
            assertEquals(0, rows.getInt(1));
            assertThrows(SQLException.class, () -> s.execute("INSERT INTO Packages (blob) VALUES (x'00')"));
        }
    }

    /** A statement stopped at the time limit is an unknown naming the file; the folder still goes. */
    @Test
    void aQueryStoppedByTheTimeLimitBecomesAnUnknown(@TempDir Path dir) throws Exception {
        // Many rows and a 1 ms limit: the plain header query itself runs past the limit.
        Path db = database(
                dir,
                "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB NOT NULL)",
                "INSERT INTO Packages (blob) " + RECURSIVE.replace("FROM n)", "FROM n WHERE i < 200000)")
                        + "SELECT zeroblob(16) FROM n");
        Sbom sbom = generator(Duration.ofMillis(1))
                .generate("hostile:rpmdb", "sha256:" + "0".repeat(64), List.of(layer(db)));
        Unknown unknown = onlyUnknown(sbom);
        assertTrue(unknown.reason().contains("ran past the time limit"), unknown.reason());
        assertFoldersRemoved();
    }

    private Sbom catalog(Path db) throws Exception {
        return generator(Duration.ofSeconds(5))
                .generate("hostile:rpmdb", "sha256:" + "0".repeat(64), List.of(layer(db)));
    }

    private SbomGenerator generator(Duration queryLimit) {
        Supplier<TempFiles.Folder> recording = () -> {
            TempFiles.Folder folder = TempFiles.folder("gate-rpmdb-test-");
            foldersUsed.add(folder.path());
            return folder;
        };
        return new SbomGenerator(List.of(new RpmCataloger(recording, queryLimit)), SquashLimits.DEFAULT);
    }

    private void assertFoldersRemoved() {
        assertFalse(foldersUsed.isEmpty(), "the cataloger wrote the database into a folder");
        foldersUsed.forEach(p -> assertFalse(Files.exists(p), p + " is left behind"));
    }

    private static Unknown onlyUnknown(Sbom sbom) {
        assertEquals(0, sbom.packages().size());
        assertEquals(1, sbom.unknowns().size(), sbom.unknowns().toString());
        return sbom.unknowns().get(0);
    }

    private static dev.gate.image.Layer layer(Path db) throws Exception {
        return new TestLayers()
                .file("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db), 0644)
                .layer();
    }

    private static Path database(Path dir, String... statements) throws SQLException {
        Path db = dir.resolve("rpmdb.sqlite");
        try (Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + db, new java.util.Properties());
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return db;
    }
}
