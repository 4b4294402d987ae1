package dev.gate.scan.db;

import dev.gate.errors.GateException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The advisory database's tables and their version. A database written by another version of the layout is rebuilt
 * when imported into (it only indexes files the user still has) and refused when read, so a scan never reads rows it
 * misunderstands.
 */
final class DbSchema {

    static final String VERSION = "3";

    private DbSchema() {}

    static void create(AdvisoryDb db) {
        try (Statement s = db.connection().createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.executeUpdate(
                    "CREATE TABLE IF NOT EXISTS advisory (id TEXT PRIMARY KEY, modified TEXT NOT NULL, record BLOB NOT NULL)");
            s.executeUpdate(
                    "CREATE TABLE IF NOT EXISTS affected (ecosystem TEXT NOT NULL, name TEXT NOT NULL, id TEXT NOT NULL)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS affected_key ON affected (ecosystem, name)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS affected_id ON affected (id)");
            s.executeUpdate(
                    "CREATE TABLE IF NOT EXISTS ecosystem_stats (ecosystem TEXT PRIMARY KEY, advisories INTEGER NOT NULL)");
            s.executeUpdate("INSERT OR IGNORE INTO meta VALUES ('schema', '" + VERSION + "')");
        } catch (SQLException e) {
            throw db.corrupt(e);
        }
    }

    /** The database is an index of files the user still has: an older layout is rebuilt, not refused. */
    static void resetIfOther(AdvisoryDb db) {
        try (Statement s = db.connection().createStatement()) {
            String version = null;
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
                version = rs.next() ? rs.getString(1) : null;
            } catch (SQLException noMeta) {
                if (tableCount(s) > 0) {
                    throw db.corrupt(noMeta);
                }
            }
            if (version != null && !VERSION.equals(version)) {
                for (String table : List.of("meta", "advisory", "affected", "ecosystem_stats")) {
                    s.executeUpdate("DROP TABLE IF EXISTS " + table);
                }
            }
        } catch (SQLException e) {
            throw db.corrupt(e);
        }
    }

    private static int tableCount(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static void check(AdvisoryDb db) {
        try (Statement s = db.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
            if (!rs.next() || !VERSION.equals(rs.getString(1))) {
                throw GateException.input(
                        "advisory database " + db.location() + " has an unknown schema; re-import it into a new file");
            }
        } catch (SQLException e) {
            throw db.corrupt(e);
        }
    }
}
