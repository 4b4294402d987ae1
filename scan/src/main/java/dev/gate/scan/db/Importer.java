package dev.gate.scan.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.MalformedRecordException;
import dev.gate.scan.osv.OsvParser;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.PackageNames;
import dev.gate.scan.osv.RecordCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Imports OSV records into an {@link AdvisoryDb} in one transaction with prepared, batched
 * statements. A record replaces the stored one only when its {@code modified} is newer, so
 * importing the same data twice changes nothing. Problems go to {@code problems}, one line each.
 */
public final class Importer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdvisoryDb db;
    private final Consumer<String> problems;
    private final Map<String, String> storedModified = new HashMap<>();
    private long stored;
    private long unchanged;
    private long withdrawn;
    private long malformed;

    public Importer(AdvisoryDb db, Consumer<String> problems) {
        this.db = db;
        this.problems = problems;
    }

    public ImportReport importPaths(List<Path> paths) {
        long start = System.nanoTime();
        Connection c = db.connection();
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = OFF");
            }
            loadStoredModified(c);
            c.setAutoCommit(false);
            try (Statements statements = new Statements(c)) {
                for (Path path : paths) {
                    RecordSources.walk(path, (origin, bytes) -> importOne(statements, origin, bytes));
                }
                statements.flush();
            }
            db.refreshStats();
            if (stored > 0 || withdrawn > 0) {
                try (PreparedStatement meta =
                        c.prepareStatement("INSERT OR REPLACE INTO meta VALUES ('built_at', ?)")) {
                    meta.setString(1, Instant.now().toString());
                    meta.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                s.execute("PRAGMA journal_mode = DELETE");
            }
        } catch (SQLException e) {
            throw db.corrupt(e);
        }
        return new ImportReport(stored, unchanged, withdrawn, malformed, (System.nanoTime() - start) / 1_000_000);
    }

    private void loadStoredModified(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, modified FROM advisory")) {
            while (rs.next()) {
                storedModified.put(rs.getString(1), rs.getString(2));
            }
        }
    }

    private void importOne(Statements statements, String origin, byte[] bytes) {
        OsvRecord record;
        try {
            record = OsvParser.parse(JSON.readTree(bytes));
        } catch (JsonProcessingException e) {
            report(origin, "not valid JSON: " + e.getOriginalMessage());
            return;
        } catch (IOException | MalformedRecordException e) {
            report(origin, e.getMessage());
            return;
        }
        String previous = storedModified.get(record.id());
        if (previous != null && !isNewer(record.modified(), previous)) {
            unchanged++;
            return;
        }
        try {
            if (previous != null) {
                statements.delete(record.id());
            }
            if (record.isWithdrawn()) {
                withdrawn++;
                storedModified.remove(record.id());
                return;
            }
            statements.insert(record, RecordCodec.encode(record));
            storedModified.put(record.id(), record.modified());
            stored++;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + record.id() + ": " + e.getMessage(), e);
        }
    }

    private void report(String origin, String reason) {
        malformed++;
        problems.accept("skipped malformed record " + origin + ": " + reason);
    }

    /** Compares RFC 3339 timestamps as instants; falls back to text order for odd formats. */
    static boolean isNewer(String candidate, String stored) {
        try {
            return OffsetDateTime.parse(candidate)
                    .toInstant()
                    .isAfter(OffsetDateTime.parse(stored).toInstant());
        } catch (DateTimeParseException e) {
            return candidate.compareTo(stored) > 0;
        }
    }

    /** The prepared statements of one import, batched and flushed every few thousand rows. */
    private static final class Statements implements AutoCloseable {
        private static final int BATCH = 5000;
        private final PreparedStatement insertAdvisory;
        private final PreparedStatement insertAffected;
        private final PreparedStatement deleteAdvisory;
        private final PreparedStatement deleteAffected;
        private int pending;

        Statements(Connection c) throws SQLException {
            insertAdvisory =
                    c.prepareStatement("INSERT OR REPLACE INTO advisory (id, modified, record) VALUES (?, ?, ?)");
            insertAffected = c.prepareStatement("INSERT INTO affected (ecosystem, name, id) VALUES (?, ?, ?)");
            deleteAdvisory = c.prepareStatement("DELETE FROM advisory WHERE id = ?");
            deleteAffected = c.prepareStatement("DELETE FROM affected WHERE id = ?");
        }

        void insert(OsvRecord record, byte[] json) throws SQLException {
            insertAdvisory.setString(1, record.id());
            insertAdvisory.setString(2, record.modified());
            insertAdvisory.setBytes(3, json);
            insertAdvisory.addBatch();
            Set<String> keys = new LinkedHashSet<>();
            for (Affected a : record.affected()) {
                if (a.ecosystem() != null
                        && keys.add(a.ecosystem() + "\0" + PackageNames.normalize(a.ecosystem(), a.name()))) {
                    insertAffected.setString(1, a.ecosystem());
                    insertAffected.setString(2, PackageNames.normalize(a.ecosystem(), a.name()));
                    insertAffected.setString(3, record.id());
                    insertAffected.addBatch();
                }
            }
            if (++pending >= BATCH) {
                flush();
            }
        }

        /** Deletes run at once (after flushing) so a later insert of the same id is not undone. */
        void delete(String id) throws SQLException {
            flush();
            deleteAffected.setString(1, id);
            deleteAffected.executeUpdate();
            deleteAdvisory.setString(1, id);
            deleteAdvisory.executeUpdate();
        }

        void flush() throws SQLException {
            insertAdvisory.executeBatch();
            insertAffected.executeBatch();
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            insertAdvisory.close();
            insertAffected.close();
            deleteAdvisory.close();
            deleteAffected.close();
        }
    }
}
