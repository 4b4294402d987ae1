package dev.gate.sbom.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;

/**
 * An {@code rpmdb.sqlite} taken from an image, read as the attacker's file it may be: opened read-only,
 * with {@code trusted_schema} off (functions with side effects are refused inside the schema), temporary
 * tables kept in memory, every statement stopped by SQLite's progress handler at a time limit, and the
 * header query run only when {@code Packages} is a plain table whose {@code blob} is a stored column. A view
 * or trigger could otherwise make a 4 KiB file compute forever.
 */
final class RpmDatabase implements AutoCloseable {

    /** Virtual machine steps between two looks at the clock; a look costs a call from native code. */
    private static final int STEPS_BETWEEN_CHECKS = 1000;

    private final Connection connection;
    private final TimeLimit limit;

    private RpmDatabase(Connection connection, TimeLimit limit) {
        this.connection = connection;
        this.limit = limit;
    }

    /** A schema gate will not query. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    static RpmDatabase open(Path file, Duration timeLimit) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        // The driver directly: DriverManager would first scan every jar for other JDBC drivers.
        Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        TimeLimit limit = new TimeLimit(timeLimit);
        try {
            ProgressHandler.setHandler(c, STEPS_BETWEEN_CHECKS, limit);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA trusted_schema = OFF");
                s.execute("PRAGMA temp_store = MEMORY");
                s.execute("PRAGMA query_only = ON");
            }
            return new RpmDatabase(c, limit);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Hands every header blob of {@code Packages} to {@code each}, after checking the schema. */
    void readHeaders(Consumer<byte[]> each) throws SQLException, Refused {
        checkSchema();
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SELECT blob FROM Packages")) {
            while (rows.next()) {
                byte[] blob = rows.getBytes(1);
                if (blob == null) {
                    throw new Refused("a Packages row has no header blob");
                }
                each.accept(blob);
            }
        }
    }

    private void checkSchema() throws SQLException, Refused {
        // The type SQLite itself gave the object when it parsed the schema: table, view, virtual or shadow.
        String type = null;
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery(
                        "SELECT type FROM pragma_table_list WHERE schema = 'main' AND name = 'Packages' COLLATE NOCASE")) {
            if (rows.next()) {
                type = rows.getString(1);
            }
        }
        if (type == null) {
            throw new Refused("no Packages table");
        }
        if (!type.equals("table")) {
            throw new Refused("Packages is a " + (type.equals("virtual") ? "virtual table" : type)
                    + ", not a plain table; not queried");
        }
        if (count("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Packages' COLLATE NOCASE")
                > 0) {
            throw new Refused("Packages has triggers; not queried");
        }
        if (count(
                        "SELECT count(*) FROM pragma_table_xinfo('Packages') WHERE name = 'blob' COLLATE NOCASE AND hidden = 0")
                != 1) {
            throw new Refused("Packages has no stored blob column (generated or missing); not queried");
        }
    }

    private long count(String query) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery(query)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Whether the last failure was the time limit stopping a statement. */
    boolean stoppedByTimeLimit() {
        return limit.fired;
    }

    /** Runs a statement on the bounded connection; only the tests of these bounds need it. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** Asked by SQLite every few thousand steps; a non-zero answer interrupts the running statement. */
    private static final class TimeLimit extends ProgressHandler {
        private final long endsAt;
        private volatile boolean fired;

        TimeLimit(Duration limit) {
            this.endsAt = System.nanoTime() + limit.toNanos();
        }

        @Override
        protected int progress() {
            if (System.nanoTime() - endsAt > 0) {
                fired = true;
                return 1;
            }
            return 0;
        }
    }
}
