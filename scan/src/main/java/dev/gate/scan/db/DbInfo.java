package dev.gate.scan.db;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an advisory database holds: advisories in all, advisories per OSV ecosystem string,
 * the newest {@code modified} among them, when the last import changed it ({@code builtAt}) and when
 * {@code gate db update} last found it current ({@code checkedAt}, null when never updated that way).
 */
public record DbInfo(
        Path location,
        long advisories,
        Map<String, Long> perEcosystem,
        String newestModified,
        String builtAt,
        String checkedAt) {

    public DbInfo {
        // Sorted by ecosystem: Map.copyOf iterates in an order that changes from run to run, and
        // reports (the JSON ecosystems list, gate db info) must not.
        perEcosystem = Collections.unmodifiableMap(new TreeMap<>(perEcosystem));
    }

    /** The last time the database was known current: its last update check, else its last import; null if neither. */
    public Instant currentAsOf() {
        Instant built = parse(builtAt);
        Instant checked = parse(checkedAt);
        if (built == null || checked == null) {
            return built != null ? built : checked;
        }
        return built.isAfter(checked) ? built : checked;
    }

    /** How old the database is at {@code now}, or null when it records no time. */
    public Duration age(Instant now) {
        Instant asOf = currentAsOf();
        return asOf == null ? null : Duration.between(asOf, now);
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
