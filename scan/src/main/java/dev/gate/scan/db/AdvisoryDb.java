package dev.gate.scan.db;

import dev.gate.errors.GateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQLite advisory index: one row per advisory (the fields gate reads, {@link dev.gate.scan.osv.RecordCodec}) and one row per affected
 * (ecosystem, package name) pointing at it. Names are stored normalized ({@link dev.gate.scan.osv.PackageNames}).
 */
public final class AdvisoryDb implements AutoCloseable {

    private final Path location;
    private final Connection connection;
    private PreparedStatement lookup;

    private AdvisoryDb(Path location, Connection connection) {
        this.location = location;
        this.connection = connection;
    }

    /** Opens an existing database for reading; a missing or foreign file is an input error. */
    public static AdvisoryDb openExisting(Path file) {
        if (!Files.isRegularFile(file)) {
            throw GateException.input(
                    "advisory database " + file + " does not exist (run: gate db import PATH --db " + file + ")");
        }
        AdvisoryDb db = new AdvisoryDb(file, connect(file));
        DbSchema.check(db);
        return db;
    }

    /** Opens or creates a database for importing. */
    public static AdvisoryDb openForWrite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw GateException.operational("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        boolean existed = Files.exists(file);
        AdvisoryDb db = new AdvisoryDb(file, connect(file));
        if (existed) {
            DbSchema.resetIfOther(db);
        }
        DbSchema.create(db);
        return db;
    }

    private static Connection connect(Path file) {
        SqliteNative.prepare();
        try {
            // The driver directly: DriverManager would first scan every jar for other JDBC drivers.
            return org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file.toAbsolutePath(), new java.util.Properties());
        } catch (SQLException e) {
            throw GateException.operational("cannot open advisory database " + file + ": " + e.getMessage(), e);
        }
    }

    GateException corrupt(SQLException e) {
        return new GateException(
                GateException.Kind.INPUT,
                "advisory database " + location + " is corrupt or not a gate database (" + firstLine(e.getMessage())
                        + ")",
                e);
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
    }

    Connection connection() {
        return connection;
    }

    public Path location() {
        return location;
    }

    /** The stored form ({@link dev.gate.scan.osv.RecordCodec}) of every advisory that names this package in this ecosystem. */
    public List<byte[]> advisoriesFor(String ecosystem, String normalizedName) {
        List<byte[]> result = new ArrayList<>();
        advisoriesFor(ecosystem, normalizedName, id -> true, (id, json) -> result.add(json));
        return result;
    }

    /** Receives one stored advisory. */
    public interface AdvisoryVisitor {
        void advisory(String id, byte[] json);
    }

    /**
     * Visits the advisories naming this package; the JSON is read only for ids {@code wantJson}
     * accepts (a caller that already parsed a record skips its bytes), else null is passed.
     */
    public void advisoriesFor(
            String ecosystem,
            String normalizedName,
            java.util.function.Predicate<String> wantJson,
            AdvisoryVisitor visitor) {
        try {
            if (lookup == null) {
                // One joined query per package: per-id fetches cost a JNI round trip each.
                lookup = connection.prepareStatement(
                        "SELECT f.id, a.record FROM affected f JOIN advisory a ON a.id = f.id WHERE f.ecosystem = ? AND f.name = ?");
            }
            lookup.setString(1, ecosystem);
            lookup.setString(2, normalizedName);
            try (ResultSet rs = lookup.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    visitor.advisory(id, wantJson.test(id) ? rs.getBytes(2) : null);
                }
            }
        } catch (SQLException e) {
            throw corrupt(e);
        }
    }

    /** Receives one stored advisory of one of several packages looked up at once. */
    public interface PackageAdvisoryVisitor {
        void advisory(String normalizedName, String id, byte[] json);
    }

    /** How many names one batched lookup binds: well under SQLite's limit of host parameters. */
    public static final int BATCH = 256;

    private PreparedStatement batchLookup;

    /**
     * {@link #advisoriesFor(String, String, java.util.function.Predicate, AdvisoryVisitor)} for up to
     * {@link #BATCH} names of one ecosystem in one query: thousands of packages cost a handful of
     * statements instead of one round trip through JDBC and JNI each.
     */
    public void advisoriesFor(
            String ecosystem,
            List<String> normalizedNames,
            java.util.function.Predicate<String> wantJson,
            PackageAdvisoryVisitor visitor) {
        if (normalizedNames.isEmpty()) {
            return;
        }
        if (normalizedNames.size() > BATCH) {
            throw new IllegalArgumentException("at most " + BATCH + " names per lookup");
        }
        try {
            if (batchLookup == null) {
                batchLookup = connection.prepareStatement(
                        "SELECT f.name, f.id, a.record FROM affected f JOIN advisory a ON a.id = f.id"
                                + " WHERE f.ecosystem = ? AND f.name IN (" + "?,".repeat(BATCH - 1) + "?)");
            }
            batchLookup.setString(1, ecosystem);
            for (int i = 0; i < BATCH; i++) {
                // Unused places repeat the first name: the IN list is a set, so nothing is read twice.
                batchLookup.setString(i + 2, normalizedNames.get(i < normalizedNames.size() ? i : 0));
            }
            try (ResultSet rs = batchLookup.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(2);
                    visitor.advisory(rs.getString(1), id, wantJson.test(id) ? rs.getBytes(3) : null);
                }
            }
        } catch (SQLException e) {
            throw corrupt(e);
        }
    }

    /** Reads the figures the last import stored: counting 100k rows on every scan was most of its time. */
    public DbInfo info() {
        try (Statement s = connection.createStatement()) {
            Map<String, Long> perEcosystem = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT ecosystem, advisories FROM ecosystem_stats")) {
                while (rs.next()) {
                    perEcosystem.put(rs.getString(1), rs.getLong(2));
                }
            }
            String total = text(s, "SELECT value FROM meta WHERE key = 'advisories'");
            return new DbInfo(
                    location,
                    total == null ? 0 : Long.parseLong(total),
                    perEcosystem,
                    text(s, "SELECT value FROM meta WHERE key = 'newest_modified'"),
                    text(s, "SELECT value FROM meta WHERE key = 'built_at'"),
                    text(s, "SELECT value FROM meta WHERE key = 'checked_at'"));
        } catch (SQLException e) {
            throw corrupt(e);
        }
    }

    /** A value the database keeps about itself (what an update last fetched, when it last checked), or null. */
    public String meta(String key) {
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw corrupt(e);
        }
    }

    public void putMeta(String key, String value) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, value);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw corrupt(e);
        }
    }

    /** Recomputes the figures {@link #info()} reads; called at the end of an import, inside its transaction. */
    void refreshStats() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM ecosystem_stats");
            s.executeUpdate(
                    "INSERT INTO ecosystem_stats SELECT ecosystem, COUNT(DISTINCT id) FROM affected GROUP BY ecosystem");
            s.executeUpdate("INSERT OR REPLACE INTO meta SELECT 'advisories', COUNT(*) FROM advisory");
            s.executeUpdate(
                    "INSERT OR REPLACE INTO meta SELECT 'newest_modified', MAX(modified) FROM advisory WHERE modified IS NOT NULL "
                            + "HAVING MAX(modified) IS NOT NULL");
        }
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void close() {
        try {
            if (lookup != null) {
                lookup.close();
            }
            if (batchLookup != null) {
                batchLookup.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw GateException.operational("cannot close advisory database " + location + ": " + e.getMessage(), e);
        }
    }
}
