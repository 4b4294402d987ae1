package dev.gate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpmCatalogerTest {

    private static final String OS_RELEASE = "ID=\"rhel\"\nVERSION_ID=\"9.4\"\nNAME=\"Red Hat Enterprise Linux\"\n";

    @Test
    void readsHeadersFromTheSqliteRpmdb(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("rpmdb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
                insert.setBytes(
                        1,
                        header(
                                "openssl-libs",
                                "3.0.7",
                                "27.el9",
                                1,
                                "x86_64",
                                "Apache-2.0",
                                "openssl-3.0.7-27.el9.src.rpm"));
                insert.execute();
                insert.setBytes(1, header("gpg-pubkey", "fd431d51", "4ae0493b", null, null, "pubkey", null));
                insert.execute();
            }
        }
        Sbom sbom = Fixtures.generate(Fixtures.layer(
                null,
                Map.of(
                        "etc/os-release", OS_RELEASE.getBytes(StandardCharsets.UTF_8),
                        "var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db)),
                0644));
        Package ssl = Fixtures.only(sbom, "openssl-libs");
        assertEquals("pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1", ssl.purl());
        assertEquals("1:3.0.7-27.el9", ssl.version());
        assertEquals("openssl", ssl.sourceName());
        assertEquals(1, sbom.packages().size(), "gpg-pubkey entries are keys, not packages");
    }

    /** rpm keeps its database in WAL mode; the image holds the main file, read without its side files. */
    @Test
    void readsAWalModeDatabaseWithoutItsSideFiles(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("rpmdb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
                insert.setBytes(
                        1, header("bash", "5.1.8", "9.el9", null, "x86_64", "GPLv3+", "bash-5.1.8-9.el9.src.rpm"));
                insert.execute();
            }
        }
        Sbom sbom = Fixtures.generate(
                Fixtures.layer(null, Map.of("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db)), 0644));
        assertEquals(
                "5.1.8-9.el9",
                Fixtures.only(sbom, "bash").version(),
                sbom.unknowns().toString());
    }

    @Test
    void reportsBerkeleyAndNdbDatabasesAndCorruptSqlite() {
        Sbom sbom = Fixtures.generate(Fixtures.layer(
                null,
                Map.of(
                        "var/lib/rpm/Packages", new byte[64],
                        "usr/lib/sysimage/rpm/Packages.db", new byte[64],
                        "usr/lib/sysimage/rpm/rpmdb.sqlite", "garbage".getBytes(StandardCharsets.UTF_8)),
                0644));
        assertTrue(sbom.unknowns().stream()
                .anyMatch(u ->
                        u.path().equals("/var/lib/rpm/Packages") && u.reason().contains("Berkeley DB")));
        assertTrue(sbom.unknowns().stream()
                .anyMatch(u -> u.path().endsWith("Packages.db") && u.reason().contains("ndb")));
        assertTrue(sbom.unknowns().stream().anyMatch(u -> u.path().endsWith("rpmdb.sqlite")));
    }

    /** An rpm header blob as rpmdb stores it: counts, 16-byte index entries, then the data store. */
    static byte[] header(
            String name, String version, String release, Integer epoch, String arch, String license, String srpm) {
        Map<Integer, Object> tags = new LinkedHashMap<>();
        tags.put(1000, name);
        tags.put(1001, version);
        tags.put(1002, release);
        if (epoch != null) {
            tags.put(1003, epoch);
        }
        tags.put(1014, license);
        if (arch != null) {
            tags.put(1022, arch);
        }
        if (srpm != null) {
            tags.put(1044, srpm);
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer index = ByteBuffer.allocate(16 * tags.size());
        for (Map.Entry<Integer, Object> t : tags.entrySet()) {
            while (t.getValue() instanceof Integer && data.size() % 4 != 0) {
                data.write(0);
            }
            index.putInt(t.getKey())
                    .putInt(t.getValue() instanceof Integer ? 4 : 6)
                    .putInt(data.size())
                    .putInt(1);
            if (t.getValue() instanceof Integer i) {
                data.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
            } else {
                data.writeBytes(((String) t.getValue()).getBytes(StandardCharsets.UTF_8));
                data.write(0);
            }
        }
        ByteBuffer blob = ByteBuffer.allocate(8 + index.capacity() + data.size());
        blob.putInt(tags.size()).putInt(data.size()).put(index.array()).put(data.toByteArray());
        return blob.array();
    }
}
