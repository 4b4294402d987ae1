package dev.gate.scan.db;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an advisory database holds: advisories in all, advisories per OSV ecosystem string,
 * the newest {@code modified} among them and when the last import changed it.
 */
public record DbInfo(Path location, long advisories, Map<String, Long> perEcosystem, String newestModified,
                     String builtAt) {

    public DbInfo {
        // Sorted by ecosystem: Map.copyOf iterates in an order that changes from run to run, and
        // reports (the JSON ecosystems list, gate db info) must not.
        perEcosystem = Collections.unmodifiableMap(new TreeMap<>(perEcosystem));
    }
}
