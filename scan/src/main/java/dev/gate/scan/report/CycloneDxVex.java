package dev.gate.scan.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.sbom.Package;
import dev.gate.scan.Finding;
import dev.gate.scan.ScanResult;
import dev.gate.scan.severity.SeverityRating;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Adds a CycloneDX {@code vulnerabilities[]} array to an SBOM: one entry per vulnerability id,
 * its {@code affects[].ref} pointing at the {@code bom-ref} of each affected component.
 */
public final class CycloneDxVex {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CycloneDxVex() {}

    /** Returns a copy of {@code bom} carrying the findings; {@code refs} gives each package's bom-ref. */
    public static ObjectNode withVulnerabilities(ObjectNode bom, ScanResult result, Map<Package, String> refs) {
        ObjectNode out = bom.deepCopy();
        String spec = out.path("specVersion").asText("1.5");
        if (spec.compareTo("1.4") < 0) {
            out.put("specVersion", "1.4"); // vulnerabilities[] exists from CycloneDX 1.4 on
        }
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            ObjectNode v = byId.computeIfAbsent(f.id(), id -> entry(f));
            ObjectNode affect = ((ArrayNode) v.get("affects")).addObject();
            affect.put("ref", refs.getOrDefault(f.pkg(), f.pkg().purl()));
            affect.putArray("versions")
                    .addObject()
                    .put("version", f.installedVersion())
                    .put("status", "affected");
        }
        ArrayNode list = out.putArray("vulnerabilities");
        byId.values().forEach(list::add);
        return out;
    }

    private static ObjectNode entry(Finding f) {
        ObjectNode v = JSON.objectNode();
        v.put("bom-ref", "vuln:" + f.id());
        v.put("id", f.id());
        ObjectNode source = v.putObject("source");
        source.put("name", "OSV");
        source.put("url", "https://osv.dev/vulnerability/" + f.id());
        ArrayNode references = v.putArray("references");
        for (String alias : f.aliases()) {
            ObjectNode ref = references.addObject();
            ref.put("id", alias);
            ref.putObject("source").put("name", "OSV").put("url", "https://osv.dev/vulnerability/" + alias);
        }
        ObjectNode rating = v.putArray("ratings").addObject();
        SeverityRating r = f.rating();
        rating.put("severity", r.severity().name().toLowerCase(Locale.ROOT));
        if (r.score() != null) {
            rating.put("score", r.score());
            rating.put(
                    "method",
                    switch (r.cvssVersion()) {
                        case "3.1" -> "CVSSv31";
                        case "4.0" -> "CVSSv4";
                        default -> "CVSSv3";
                    });
            rating.put("vector", r.vector());
        } else {
            rating.put("method", "other");
        }
        if (f.summary() != null) {
            v.put("description", f.summary());
        }
        if (f.fixAvailable()) {
            v.put("recommendation", "Upgrade to " + String.join(" or ", f.fixedVersions()));
        }
        if (f.published() != null) {
            v.put("published", f.published());
        }
        v.putObject("analysis").put("state", "in_triage");
        v.putArray("affects");
        return v;
    }
}
