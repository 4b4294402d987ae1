package dev.gate.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.pipeline.GateRun;
import dev.gate.pipeline.analysis.GateVersion;
import dev.gate.pipeline.analysis.ImageFacts;
import dev.gate.policy.decision.RuleDoc;
import dev.gate.policy.decision.RuleResult;
import dev.gate.scan.report.SarifReport;
import dev.gate.scan.severity.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0 for code scanning: one run of vulnerability findings per platform image (the scan
 * module's SARIF), and one run of policy results whose locations point at the Rego source.
 */
public final class SarifSummary {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern LOCATION = Pattern.compile("^(.*?):(\\d+)(?::(\\d+))?$");

    private SarifSummary() {}

    public static ObjectNode of(GateRun run) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ArrayNode runs = root.putArray("runs");
        String uri = run.image().ref().replaceAll("[^A-Za-z0-9._/-]", "_");
        for (ImageFacts f : run.facts()) {
            if (f.scan() != null) {
                runs.addAll((ArrayNode) SarifReport.document(f.scan(), GateVersion.current(), uri)
                        .path("runs"));
            }
        }
        if (run.decision() != null) {
            runs.add(policyRun(run.decision().failures(), run.decision().warnings(), uri));
        }
        return root;
    }

    private static ObjectNode policyRun(List<RuleResult> failures, List<RuleResult> warnings, String imageUri) {
        ObjectNode run = NODES.objectNode();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "gate-policy");
        driver.put("version", GateVersion.current());
        driver.put("informationUri", "https://www.openpolicyagent.org/docs/latest/policy-language/");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        addResults(failures, "error", rules, index, results, imageUri);
        addResults(warnings, "warning", rules, index, results, imageUri);
        return run;
    }

    private static void addResults(
            List<RuleResult> list,
            String level,
            ArrayNode rules,
            Map<String, Integer> index,
            ArrayNode results,
            String imageUri) {
        for (RuleResult r : list) {
            String id = r.namespace() + "." + r.rule();
            Integer ruleIndex = index.get(id);
            if (ruleIndex == null) {
                ruleIndex = index.size();
                index.put(id, ruleIndex);
                rules.add(descriptor(id, r, level));
            }
            ObjectNode result = results.addObject();
            result.put("ruleId", id);
            result.put("ruleIndex", ruleIndex);
            result.put("level", level);
            result.putObject("message").put("text", r.message() + " (image " + imageUri + ")");
            result.putArray("locations").add(location(r.location(), imageUri));
            result.putObject("partialFingerprints").put("gatePolicy/v1", id + "|" + r.message());
        }
    }

    /** The rule as code scanning lists it, described by its METADATA block when it has one. */
    private static ObjectNode descriptor(String id, RuleResult r, String level) {
        RuleDoc doc = r.doc();
        ObjectNode rule = NODES.objectNode();
        rule.put("id", id);
        rule.put("name", r.rule());
        rule.putObject("shortDescription").put("text", doc.title() != null ? doc.title() : "Rego rule " + id);
        if (doc.description() != null) rule.putObject("fullDescription").put("text", doc.description());
        if (!doc.related().isEmpty()) rule.put("helpUri", doc.related().get(0));
        rule.putObject("defaultConfiguration").put("level", level);
        if (doc.severity() != null) {
            ObjectNode properties = rule.putObject("properties");
            Severity severity = Severity.ofWord(doc.severity());
            if (severity != Severity.UNKNOWN) {
                properties.put(
                        "security-severity",
                        String.format(Locale.ROOT, "%.1f", SarifReport.securitySeverity(severity)));
            }
            properties.putArray("tags").add("policy").add(doc.severity());
        }
        return rule;
    }

    private static JsonNode location(String where, String imageUri) {
        ObjectNode location = NODES.objectNode();
        ObjectNode physical = location.putObject("physicalLocation");
        Matcher m = where == null ? null : LOCATION.matcher(where);
        if (m != null && m.matches()) {
            physical.putObject("artifactLocation").put("uri", m.group(1));
            ObjectNode region = physical.putObject("region").put("startLine", Integer.parseInt(m.group(2)));
            if (m.group(3) != null) {
                region.put("startColumn", Integer.parseInt(m.group(3)));
            }
        } else {
            physical.putObject("artifactLocation").put("uri", imageUri);
            physical.putObject("region").put("startLine", 1);
        }
        return location;
    }
}
