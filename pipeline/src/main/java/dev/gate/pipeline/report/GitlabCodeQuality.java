package dev.gate.pipeline.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.SafeText;
import dev.gate.pipeline.GateRun;
import dev.gate.pipeline.analysis.ImageFacts;
import dev.gate.policy.decision.RuleResult;
import dev.gate.scan.Finding;
import dev.gate.scan.severity.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's Code Quality report (a JSON array of issues: description, check_name, fingerprint, severity,
 * location.path and location.lines.begin) of a gated push: a vulnerability finding located at the file in the image
 * that brought its package, a failing or warning rule at its Rego source. Texts are escaped as for a terminal, since
 * GitLab shows them in merge requests and job logs.
 */
public final class GitlabCodeQuality {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern LOCATION = Pattern.compile("^(.*?):(\\d+)(?::\\d+)?$");

    private GitlabCodeQuality() {}

    public static ArrayNode of(GateRun run) {
        ArrayNode issues = NODES.arrayNode();
        for (ImageFacts f : run.facts()) {
            if (f.scan() != null) {
                f.scan()
                        .findings()
                        .forEach(finding ->
                                issues.add(finding(finding, run.image().ref())));
            }
        }
        if (run.decision() != null) {
            addRules(issues, run.decision().failures(), "major");
            addRules(issues, run.decision().warnings(), "minor");
        }
        return issues;
    }

    private static ObjectNode finding(Finding f, String image) {
        List<String> paths = f.pkg().paths();
        String path = paths.isEmpty() ? image : paths.get(0);
        String description = f.id() + " in " + f.pkg().name() + " " + f.installedVersion()
                + (f.fixAvailable() ? " (fixed in " + String.join(", ", f.fixedVersions()) + ")" : " (no fix yet)")
                + (f.summary() == null ? "" : ": " + f.summary());
        return issue(
                description,
                "vulnerability/" + f.id(),
                severity(f.rating().severity(), "info"),
                path,
                1,
                image + "|" + f.id() + "|" + f.pkg().purl());
    }

    private static void addRules(ArrayNode issues, List<RuleResult> results, String defaultSeverity) {
        for (RuleResult r : results) {
            String id = r.namespace() + "." + r.rule();
            Matcher at = r.location() == null ? null : LOCATION.matcher(r.location());
            boolean located = at != null && at.matches();
            String severity = severity(Severity.ofWord(r.doc().severity()), defaultSeverity);
            issues.add(issue(
                    r.message(),
                    "policy/" + id,
                    severity,
                    located ? at.group(1) : "policy",
                    located ? Integer.parseInt(at.group(2)) : 1,
                    id + "|" + r.message()));
        }
    }

    /** On GitLab's scale (info, minor, major, critical, blocker); {@code unknown} for a severity not known. */
    static String severity(Severity severity, String unknown) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case HIGH -> "major";
            case MEDIUM -> "minor";
            case LOW -> "info";
            default -> unknown;
        };
    }

    private static ObjectNode issue(
            String description, String checkName, String severity, String path, int line, String identity) {
        ObjectNode issue = NODES.objectNode();
        issue.put("type", "issue");
        issue.put("description", SafeText.of(description));
        issue.put("check_name", SafeText.of(checkName));
        issue.put("fingerprint", sha256(identity));
        issue.put("severity", severity);
        ObjectNode location = issue.putObject("location");
        location.put("path", SafeText.of(path));
        location.putObject("lines").put("begin", line);
        return issue;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
