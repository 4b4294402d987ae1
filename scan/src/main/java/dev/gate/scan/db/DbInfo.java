package dev.gate.scan.db;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an advisory database holds: advisories in all, advisories per OSV ecosystem string,
 * the newest {@code modified} among them and when the last import changed it.
 */
public record DbInfo(Path location, long advisories, Map<String, Long> perEcosystem, String newestModified,
                     String builtAt) {

    public DbInfo {
        perEcosystem = Map.copyOf(perEcosystem);
    }
}
