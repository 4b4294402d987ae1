package dev.gate.scan.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.scan.Finding;
import dev.gate.scan.ScanResult;
import dev.gate.scan.db.DbInfo;
import dev.gate.scan.severity.Severity;
import dev.gate.scan.severity.SeverityRating;
import java.util.Locale;

/**
 * The JSON shapes of a scan, the same as {@code input.vulnerabilities} and {@code input.scan} of
 * the policy input document (docs/policy-input.schema.json), so the pipeline can reuse them.
 */
public final class JsonReport {

    // The node factory alone: an ObjectMapper is not needed to build trees, and costs start-up time.
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonReport() {}

    public static ObjectNode document(ScanResult result) {
        ObjectNode root = JSON.objectNode();
        root.set("scan", scan(result));
        root.set("vulnerabilities", vulnerabilities(result));
        ArrayNode warnings = root.putArray("warnings");
        result.warnings().forEach(warnings::add);
        return root;
    }

    public static ObjectNode scan(ScanResult result) {
        ObjectNode scan = JSON.objectNode();
        scan.set("database", database(result.database()));
        ObjectNode summary = scan.putObject("summary");
        for (Severity s :
                new Severity[] {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.UNKNOWN}) {
            summary.put(s.name().toLowerCase(Locale.ROOT), result.count(s));
        }
        scan.put("packagesScanned", result.packagesScanned());
        return scan;
    }

    public static ObjectNode database(DbInfo info) {
        ObjectNode db = JSON.objectNode();
        db.put("advisories", info.advisories());
        ArrayNode ecosystems = db.putArray("ecosystems");
        info.perEcosystem().keySet().forEach(ecosystems::add);
        db.put("builtAt", info.builtAt());
        db.put("checkedAt", info.checkedAt());
        db.put("newestModified", info.newestModified());
        java.time.Duration age = info.age(java.time.Instant.now());
        if (age == null) {
            db.putNull("ageSeconds");
        } else {
            db.put("ageSeconds", Math.max(0, age.toSeconds()));
        }
        return db;
    }

    public static ArrayNode vulnerabilities(ScanResult result) {
        ArrayNode list = JSON.arrayNode();
        for (Finding f : result.findings()) {
            list.add(vulnerability(f));
        }
        return list;
    }

    public static ObjectNode vulnerability(Finding f) {
        ObjectNode v = JSON.objectNode();
        v.put("id", f.id());
        ArrayNode aliases = v.putArray("aliases");
        f.aliases().forEach(aliases::add);
        v.put("severity", f.rating().severity().name());
        SeverityRating r = f.rating();
        if (r.score() != null) {
            ObjectNode cvss = v.putObject("cvss");
            cvss.put("version", r.cvssVersion());
            cvss.put("score", r.score());
            cvss.put("vector", r.vector());
        } else {
            v.putNull("cvss");
        }
        ObjectNode pkg = v.putObject("package");
        pkg.put("name", f.pkg().name());
        pkg.put("version", f.pkg().version());
        pkg.put("purl", f.pkg().purl());
        pkg.put("ecosystem", f.ecosystem());
        if (!f.matchedName().equals(f.pkg().name())) {
            pkg.put("sourceName", f.matchedName());
            pkg.put("sourceVersion", f.installedVersion());
        }
        ArrayNode fixed = v.putArray("fixedVersions");
        f.fixedVersions().forEach(fixed::add);
        v.put("fixAvailable", f.fixAvailable());
        v.put("fixPublished", f.fixPublished());
        v.put("summary", f.summary() == null ? "" : f.summary());
        return v;
    }
}
