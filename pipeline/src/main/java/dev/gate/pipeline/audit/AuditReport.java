package dev.gate.pipeline.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.SafeText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit as a table, JSON, JUnit XML, or one self-contained HTML page ({@link AuditHtml}). */
public final class AuditReport {

    static final String[] SEVERITIES = {"critical", "high", "medium", "low", "unknown"};

    private final String registry;
    private final List<TagAudit> tags;
    private final List<ListingFailure> listingFailures;
    private final boolean verifiedWithKey;
    private final boolean policies;
    private final String time;
    private final Shard shard;

    public AuditReport(String registry, List<TagAudit> tags, boolean verifiedWithKey, boolean policies) {
        this(
                registry,
                new AuditResult(tags, List.of()),
                verifiedWithKey,
                policies,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Shard.WHOLE);
    }

    /** {@code time}: when the audit ran (for a merged report, when its first part did); {@code shard}: the share it covers. */
    public AuditReport(
            String registry, AuditResult result, boolean verifiedWithKey, boolean policies, String time, Shard shard) {
        this.registry = registry;
        this.tags = result.tags();
        this.listingFailures = result.listingFailures();
        this.verifiedWithKey = verifiedWithKey;
        this.policies = policies;
        this.time = time;
        this.shard = shard;
    }

    /** Nothing failed: every tag passed and every repository was listed. */
    public boolean ok() {
        return new AuditResult(tags, listingFailures).ok();
    }

    /** A line of the table: image, digest, verified by, signed, policy, four severities, problems. */
    private static final String ROW = "%-40s %-19s %-19s %-8s %-8s %-20s %5s %5s %5s %5s  %s%n";

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                ROW,
                "IMAGE",
                "DIGEST",
                "VERIFIED BY",
                "SIGNED",
                "POLICY",
                "GATED",
                "CRIT",
                "HIGH",
                "MED",
                "LOW",
                "PROBLEMS"));
        for (TagAudit t : tags) {
            // Repository and tag names come from the registry's listings, problems from its answers: escaped.
            String problems = t.error() != null ? t.error() : String.join("; ", problems(t));
            out.append(String.format(
                    ROW,
                    SafeText.of(t.repository() + ":" + t.tag()),
                    t.digest() == null ? "-" : SafeText.of(t.digest().substring(0, 19)),
                    SafeText.of(verifiedBy(t)),
                    t.signed() ? "yes" : "NO",
                    policyText(t),
                    SafeText.of(gatedAt(t)),
                    count(t, "critical"),
                    count(t, "high"),
                    count(t, "medium"),
                    count(t, "low"),
                    SafeText.of(problems)));
        }
        for (ListingFailure f : listingFailures) {
            out.append(String.format(
                    ROW,
                    SafeText.of(f.repository()),
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "could not list tags: " + SafeText.of(f.error())));
        }
        long good = tags.stream().filter(TagAudit::ok).count();
        out.append(String.format(
                "%d of %d tags signed%s%s%s%n",
                good,
                tags.size(),
                verifiedWithKey ? " and verified" : " (not verified: no --key)",
                policies ? " and passing the policies" : "",
                listingFailures.isEmpty() ? "" : "; " + listingFailures.size() + " repositories could not be listed"));
        return out.toString();
    }

    public String json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("registry", registry);
        root.put("time", time);
        root.put("shard", shard.toString());
        root.put("verifiedWithKey", verifiedWithKey);
        root.put("policies", policies);
        ObjectNode totals = root.putObject("severityTotals");
        totals().forEach(totals::put);
        ArrayNode list = root.putArray("tags");
        for (TagAudit t : tags) {
            ObjectNode node = list.addObject();
            node.put("repository", t.repository());
            node.put("tag", t.tag());
            node.put("digest", t.digest());
            node.put("signed", t.signed());
            node.put("ok", t.ok());
            t.verifiedBy().forEach(node.putArray("verifiedBy")::add);
            t.verified().forEach(node.putArray("verified")::add);
            t.failures().forEach(node.putArray("failures")::add);
            ObjectNode sev = node.putObject("severities");
            t.severities().forEach(sev::put);
            if (t.policyPassed() == null) {
                node.putNull("policyPassed");
            } else {
                node.put("policyPassed", t.policyPassed());
            }
            t.failingRules().forEach(node.putArray("failingRules")::add);
            node.put("error", t.error());
            node.set("gated", t.gated() == null ? null : t.gated().json());
            t.unapproved().forEach(node.putArray("unapprovedPolicies")::add);
        }
        ArrayNode failed = root.putArray("listingFailures");
        listingFailures.forEach(
                f -> failed.addObject().put("repository", f.repository()).put("error", f.error()));
        return root.toPrettyString() + "\n";
    }

    public String html() {
        return new AuditHtml(registry, time, verifiedWithKey, policies).page(tags, listingFailures, totals());
    }

    /** JUnit XML, as CI systems show test results: one test case per tag, one per repository that could not be listed. */
    public String junit() {
        return new AuditJunit(registry, time).xml(tags, listingFailures);
    }

    private Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String s : SEVERITIES) {
            totals.put(
                    s,
                    tags.stream()
                            .mapToLong(t -> t.severities().getOrDefault(s, 0L))
                            .sum());
        }
        return totals;
    }

    /** The first key id or identity that verified the tag, short as digests are shown; "-" when none did. */
    static String verifiedBy(TagAudit t) {
        if (t.verifiedBy().isEmpty()) {
            return "-";
        }
        String first = t.verifiedBy().get(0);
        String shown = first.length() > 19 ? first.substring(0, 19) : first;
        return t.verifiedBy().size() > 1 ? shown + " +" + (t.verifiedBy().size() - 1) : shown;
    }

    private String policyText(TagAudit t) {
        return t.policyPassed() == null ? "-" : t.policyPassed() ? "pass" : "FAIL";
    }

    static String count(TagAudit t, String severity) {
        Long n = t.severities().get(severity);
        return n == null ? "-" : n.toString();
    }

    /** What failed a tag: unverified claims, failing rules, and gating policies not on the approved list. */
    static List<String> problems(TagAudit t) {
        List<String> all = new java.util.ArrayList<>(t.failures());
        all.addAll(t.failingRules());
        all.addAll(t.unapproved());
        return all;
    }

    /** When the image was gated, to the second, or "-" when no verified decision record says. */
    private static String gatedAt(TagAudit t) {
        return t.gated() == null || t.gated().time() == null
                ? "-"
                : t.gated().time().replaceFirst("\\.\\d+Z$", "Z");
    }
}
