package dev.gate.scan.db;

import dev.gate.errors.GateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --db-max-age}: a scan against advisories older than the limit says "no known vulnerabilities" about a world
 * that has moved on, so it is refused (an operational failure, exit 3) before anything is read, as grype refuses a
 * stale database.
 */
public final class DatabaseAge {

    private DatabaseAge() {}

    /** Fails when the database at {@code file} was last known current more than {@code limit} before {@code now}. */
    public static void check(Path file, Duration limit, Instant now) {
        if (limit == null || !Files.isRegularFile(file)) {
            return; // a missing database is reported by the scan itself, with how to make one
        }
        DbInfo info;
        try (AdvisoryDb db = AdvisoryDb.openExisting(file)) {
            info = db.info();
        }
        Instant asOf = info.currentAsOf() != null
                ? info.currentAsOf()
                : lastWritten(file); // an import that stored nothing records no time
        Duration age = Duration.between(asOf, now);
        if (age.compareTo(limit) > 0) {
            throw new GateException(
                    GateException.Kind.OPERATIONAL,
                    "advisory database " + file + " is from " + asOf + ", " + describe(age) + " old, over --db-max-age "
                            + describe(limit) + ": run gate db update (or gate db import) first");
        }
    }

    private static Instant lastWritten(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (java.io.IOException e) {
            throw GateException.operational("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String describe(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        return d.toMinutes() + " minutes";
    }
}
