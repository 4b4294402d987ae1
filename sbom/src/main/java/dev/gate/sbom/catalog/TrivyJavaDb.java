package dev.gate.sbom.catalog;

import dev.gate.errors.GateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * trivy's Java DB ({@code trivy-java.db}, schema 1, as aquasecurity/trivy-java-db builds it from Maven
 * Central's index and teams that run trivy offline mirror it): {@code artifacts(id, group_id, artifact_id)}
 * and {@code indices(artifact_id, version, sha1 BLOB, archive_type)}. Opened read-only; every look-up is one
 * indexed query, remembered for the run, so a layout with the same jar twice asks once.
 */
public final class TrivyJavaDb implements JavaIndex, AutoCloseable {

    /** The file name trivy gives it; gate looks for it beside the advisory database. */
    public static final String FILE_NAME = "trivy-java.db";

    private final Connection connection;
    private final PreparedStatement bySha1;
    private final PreparedStatement byName;
    private final Map<String, Optional<MavenCoordinates>> sha1Answers = new HashMap<>();
    private final Map<String, Set<String>> nameAnswers = new HashMap<>();

    private TrivyJavaDb(Connection connection) throws SQLException {
        this.connection = connection;
        this.bySha1 = connection.prepareStatement("SELECT a.group_id, a.artifact_id, i.version FROM indices i "
                + "JOIN artifacts a ON a.id = i.artifact_id WHERE i.sha1 = ?");
        this.byName = connection.prepareStatement("SELECT DISTINCT a.group_id FROM indices i "
                + "JOIN artifacts a ON a.id = i.artifact_id WHERE a.artifact_id = ? AND i.version = ? LIMIT 8");
    }

    /** @throws GateException (input, exit 2) when the file is missing or is not a trivy Java DB */
    public static TrivyJavaDb open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw GateException.input("Java DB " + file + " does not exist");
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            Connection c =
                    org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try {
                return new TrivyJavaDb(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw GateException.input(
                    "Java DB " + file + " is not a trivy Java DB (tables artifacts and indices): " + firstLine(e));
        }
    }

    @Override
    public Optional<MavenCoordinates> bySha1(String sha1) {
        return sha1Answers.computeIfAbsent(sha1, key -> {
            try {
                bySha1.setBytes(1, HexFormat.of().parseHex(key));
                try (ResultSet rows = bySha1.executeQuery()) {
                    if (rows.next()) {
                        MavenCoordinates found =
                                new MavenCoordinates(rows.getString(1), rows.getString(2), rows.getString(3));
                        return found.complete() ? Optional.of(found) : Optional.empty();
                    }
                    return Optional.empty();
                }
            } catch (SQLException | IllegalArgumentException e) {
                throw GateException.input("Java DB: looking up a SHA-1 failed: " + firstLine(e));
            }
        });
    }

    @Override
    public Set<String> groupsOf(String artifact, String version) {
        return nameAnswers.computeIfAbsent(artifact + "\n" + version, key -> {
            Set<String> groups = new LinkedHashSet<>();
            try {
                byName.setString(1, artifact);
                byName.setString(2, version);
                try (ResultSet rows = byName.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getString(1) != null && !rows.getString(1).isBlank()) {
                            groups.add(rows.getString(1));
                        }
                    }
                }
            } catch (SQLException e) {
                throw GateException.input("Java DB: looking up " + artifact + " failed: " + firstLine(e));
            }
            return Set.copyOf(groups);
        });
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // read-only: nothing is lost
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
