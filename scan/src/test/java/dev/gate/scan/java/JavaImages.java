package dev.gate.scan.java;

import dev.gate.image.Layer;
import dev.gate.image.fs.TestLayers;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomGenerator;
import dev.gate.sbom.catalog.JavaIndex;
import dev.gate.sbom.catalog.TrivyJavaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One-layer images of Java applications, cataloged as gate sbom does, and trivy-layout Java DBs for them. */
final class JavaImages {

    private JavaImages() {}

    static Sbom catalog(Map<String, byte[]> files, JavaIndex index) {
        return SbomGenerator.standard(Duration.ofMinutes(2), index)
                .generate("fixture", "sha256:" + "0".repeat(64), List.of(layer(files)));
    }

    /** A Java DB in trivy's schema (version 1) holding the given SHA-1 to coordinates. */
    static TrivyJavaDb javaDb(Path file, Map<String, MavenBuiltFixtures.Dependency> bySha1) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE artifacts(id INTEGER PRIMARY KEY, group_id TEXT, artifact_id TEXT)");
            s.execute("CREATE TABLE indices(artifact_id INTEGER, version TEXT, sha1 BLOB, archive_type TEXT, "
                    + "foreign key (artifact_id) references artifacts(id))");
            s.execute("CREATE UNIQUE INDEX artifacts_idx ON artifacts(artifact_id, group_id)");
            s.execute("CREATE UNIQUE INDEX indices_sha1_idx ON indices(sha1)");
            try (PreparedStatement artifact =
                            c.prepareStatement("INSERT OR IGNORE INTO artifacts(group_id, artifact_id) VALUES (?, ?)");
                    PreparedStatement index = c.prepareStatement(
                            "INSERT OR IGNORE INTO indices(artifact_id, version, sha1, archive_type) "
                                    + "VALUES ((SELECT id FROM artifacts WHERE group_id = ? AND artifact_id = ?), ?, ?, 'jar')")) {
                for (Map.Entry<String, MavenBuiltFixtures.Dependency> e : bySha1.entrySet()) {
                    artifact.setString(1, e.getValue().group());
                    artifact.setString(2, e.getValue().artifact());
                    artifact.executeUpdate();
                    index.setString(1, e.getValue().group());
                    index.setString(2, e.getValue().artifact());
                    index.setString(3, e.getValue().version());
                    index.setBytes(4, HexFormat.of().parseHex(e.getKey()));
                    index.executeUpdate();
                }
            }
        }
        return TrivyJavaDb.open(file);
    }

    static Layer layer(Map<String, byte[]> files) {
        TestLayers layers = new TestLayers();
        new TreeMap<>(files).forEach((name, content) -> layers.file(name, content, 0644));
        return layers.layer();
    }
}
