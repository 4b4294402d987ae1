package dev.gate.scan.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.scan.Finding;
import dev.gate.scan.ScanResult;
import dev.gate.scan.severity.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per vulnerability id (with the
 * {@code security-severity} property GitHub ranks by), one result per vulnerable package, each
 * with a physical location, since code scanning rejects results without one.
 */
public final class SarifReport {

    // The node factory alone: an ObjectMapper is not needed to build trees, and costs start-up time.
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SarifReport() {}

    /** {@code artifactUri} is where results point when a package has no path of its own (the SBOM or image). */
    public static ObjectNode document(ScanResult result, String toolVersion, String artifactUri) {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "gate");
        driver.put("informationUri", "https://osv.dev");
        driver.put("version", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            Integer index = ruleIndex.get(f.id());
            if (index == null) {
                index = ruleIndex.size();
                ruleIndex.put(f.id(), index);
                rules.add(rule(f));
            }
            results.add(result(f, index, artifactUri));
        }
        return root;
    }

    private static ObjectNode rule(Finding f) {
        ObjectNode rule = JSON.objectNode();
        rule.put("id", f.id());
        rule.put("name", f.id().replaceAll("[^A-Za-z0-9]", ""));
        String text = f.summary() == null || f.summary().isBlank() ? f.id() : f.summary();
        rule.putObject("shortDescription").put("text", text);
        rule.putObject("fullDescription")
                .put("text", text + (f.aliases().isEmpty() ? "" : " (" + String.join(", ", f.aliases()) + ")"));
        rule.put("helpUri", "https://osv.dev/vulnerability/" + f.id());
        rule.putObject("help").put("text", "See https://osv.dev/vulnerability/" + f.id());
        rule.putObject("defaultConfiguration").put("level", level(f.rating().severity()));
        ObjectNode properties = rule.putObject("properties");
        properties.put("security-severity", String.format(java.util.Locale.ROOT, "%.1f", securitySeverity(f)));
        properties
                .putArray("tags")
                .add("security")
                .add("vulnerability")
                .add(f.rating().severity().name());
        return rule;
    }

    private static ObjectNode result(Finding f, int ruleIndex, String artifactUri) {
        ObjectNode r = JSON.objectNode();
        r.put("ruleId", f.id());
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(f.rating().severity()));
        String fix = f.fixAvailable() ? "fixed in " + String.join(", ", f.fixedVersions()) : "no fix available";
        r.putObject("message")
                .put(
                        "text",
                        f.pkg().name() + " " + f.pkg().version() + " is affected by " + f.id() + " ("
                                + f.rating().severity() + "); " + fix);
        String uri =
                f.pkg().paths().isEmpty() ? artifactUri : f.pkg().paths().get(0).replaceFirst("^/+", "");
        ObjectNode location = r.putArray("locations").addObject().putObject("physicalLocation");
        location.putObject("artifactLocation").put("uri", uri);
        location.putObject("region").put("startLine", 1);
        r.putObject("partialFingerprints")
                .put(
                        "packageVulnerability/v1",
                        f.id() + "|" + f.pkg().name() + "|" + f.pkg().version());
        return r;
    }

    private static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }

    private static double securitySeverity(Finding f) {
        return f.rating().score() != null
                ? f.rating().score()
                : securitySeverity(f.rating().severity());
    }

    /** A score inside GitHub's band for a severity: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
    public static double securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> 9.5;
            case HIGH -> 8.0;
            case MEDIUM -> 5.5;
            case LOW -> 2.0;
            default -> 0.0;
        };
    }
}
