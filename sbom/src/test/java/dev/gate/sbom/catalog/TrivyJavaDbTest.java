package dev.gate.sbom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trivy's Java DB, built here with the schema aquasecurity/trivy-java-db creates (schema version 1). */
class TrivyJavaDbTest {

    /** Writes a Java DB in trivy's layout; each row is group, artifact, version, SHA-1 hex. */
    static Path javaDb(Path dir, String[]... rows) throws Exception {
        Path file = dir.resolve(TrivyJavaDb.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE artifacts(id INTEGER PRIMARY KEY, group_id TEXT, artifact_id TEXT)");
            s.execute("CREATE TABLE indices(artifact_id INTEGER, version TEXT, sha1 BLOB, archive_type TEXT, "
                    + "foreign key (artifact_id) references artifacts(id))");
            s.execute("CREATE UNIQUE INDEX artifacts_idx ON artifacts(artifact_id, group_id)");
            s.execute("CREATE INDEX indices_artifact_idx ON indices(artifact_id)");
            s.execute("CREATE UNIQUE INDEX indices_sha1_idx ON indices(sha1)");
            try (PreparedStatement artifact =
                            c.prepareStatement("INSERT OR IGNORE INTO artifacts(group_id, artifact_id) VALUES (?, ?)");
                    PreparedStatement index = c.prepareStatement(
                            "INSERT INTO indices(artifact_id, version, sha1, archive_type) "
                                    + "VALUES ((SELECT id FROM artifacts WHERE group_id = ? AND artifact_id = ?), ?, ?, 'jar')")) {
                for (String[] row : rows) {
                    artifact.setString(1, row[0]);
                    artifact.setString(2, row[1]);
                    artifact.executeUpdate();
                    index.setString(1, row[0]);
                    index.setString(2, row[1]);
                    index.setString(3, row[2]);
                    index.setBytes(4, HexFormat.of().parseHex(row[3]));
                    index.executeUpdate();
                }
            }
        }
        return file;
    }

    @Test
    void findsCoordinatesBySha1AndGroupsByName(@TempDir Path dir) throws Exception {
        String tomcat = TestJars.sha1(TestJars.tomcatEmbedCore());
        Path file = javaDb(
                dir,
                new String[] {"org.apache.tomcat.embed", "tomcat-embed-core", "10.1.31", tomcat},
                new String[] {"org.springframework", "spring-beans", "6.1.14", "00".repeat(20)},
                new String[] {"com.example", "util", "1.0", "11".repeat(20)},
                new String[] {"org.other", "util", "1.0", "22".repeat(20)});
        try (TrivyJavaDb db = TrivyJavaDb.open(file)) {
            assertEquals(
                    Optional.of(new MavenCoordinates("org.apache.tomcat.embed", "tomcat-embed-core", "10.1.31")),
                    db.bySha1(tomcat));
            assertEquals(Optional.empty(), db.bySha1("ab".repeat(20)));
            assertEquals(Set.of("org.springframework"), db.groupsOf("spring-beans", "6.1.14"));
            assertEquals(Set.of(), db.groupsOf("spring-beans", "9.9"));
            assertEquals(Set.of("com.example", "org.other"), db.groupsOf("util", "1.0"));
            Sbom sbom = JavaLayers.catalog(
                    Map.of(
                            "app/libs/tomcat-embed-core-10.1.31.jar",
                            TestJars.tomcatEmbedCore(),
                            "app/libs/util-1.0.jar",
                            TestJars.jar()
                                    .manifest("Implementation-Version: 1.0")
                                    .classes("x.y.Z")
                                    .bytes()),
                    db);
            Package p = JavaLayers.at(sbom, "/app/libs/tomcat-embed-core-10.1.31.jar");
            assertEquals("pkg:maven/org.apache.tomcat.embed/tomcat-embed-core@10.1.31", p.purl());
            assertEquals("sha1-index", p.properties().get(SbomProperties.JAVA_IDENTIFIED_BY));
            // a name published by two groups is a doubt, not the first of them
            assertEquals(null, JavaLayers.at(sbom, "/app/libs/util-1.0.jar").purl());
            assertTrue(
                    sbom.unknowns().stream().anyMatch(u -> u.reason().contains("the Java index has it in 2 groups")));
        }
    }

    @Test
    void aFileThatIsNotAJavaDbIsAnInputError(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.db"), "not sqlite", StandardCharsets.UTF_8);
        GateException e =
                assertThrows(GateException.class, () -> TrivyJavaDb.open(junk).close());
        assertEquals(GateException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("Java DB " + junk), e.getMessage());
        GateException missing = assertThrows(GateException.class, () -> TrivyJavaDb.open(dir.resolve("missing.db")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
