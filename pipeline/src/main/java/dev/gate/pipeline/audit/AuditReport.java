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

/** The audit as a table, JSON, or one self-contained HTML page (inline CSS, no scripts, no external files). */
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
        StringBuilder h = new StringBuilder();
        long ok = tags.stream().filter(TagAudit::ok).count();
        long unsigned = tags.stream().filter(t -> !t.signed()).count();
        long failingPolicy = tags.stream()
                .filter(t -> Boolean.FALSE.equals(t.policyPassed()))
                .count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gate audit: ")
                .append(esc(registry))
                .append("</title>\n<style>")
                .append(CSS)
                .append("</style></head><body>\n");
        h.append("<header><h1>gate audit</h1><p>")
                .append(esc(registry))
                .append(" &middot; ")
                .append(esc(time))
                .append(
                        verifiedWithKey
                                ? " &middot; verified with a public key"
                                : " &middot; <b>not verified</b> (no --key)")
                .append(policies ? " &middot; policies re-evaluated" : "")
                .append("</p></header>\n");
        h.append("<section class=\"tiles\">");
        tile(h, "tags audited", tags.size(), "");
        tile(h, "signed and verified" + (policies ? ", passing" : ""), ok, ok == tags.size() ? "good" : "");
        tile(h, "unsigned", unsigned, unsigned > 0 ? "bad" : "good");
        if (policies) {
            tile(h, "failing policies", failingPolicy, failingPolicy > 0 ? "bad" : "good");
        }
        h.append("</section>\n<section><h2>Findings by severity</h2><div class=\"sev\">");
        Map<String, Long> totals = totals();
        long max = Math.max(
                1, totals.values().stream().mapToLong(Long::longValue).max().orElse(1));
        for (String s : SEVERITIES) {
            long n = totals.get(s);
            h.append("<div class=\"bar\"><span class=\"label\">")
                    .append(s)
                    .append("</span><span class=\"track\"><span class=\"fill ")
                    .append(s)
                    .append("\" style=\"width:")
                    .append(n * 100 / max)
                    .append("%\"></span></span><span class=\"n\">")
                    .append(n)
                    .append("</span></div>");
        }
        h.append(
                "</div></section>\n<section><h2>Tags</h2><table><thead><tr><th>image</th><th>digest</th><th>verified by</th><th>signed</th>");
        if (policies) {
            h.append("<th>policy</th>");
        }
        for (String s : SEVERITIES) {
            h.append("<th class=\"num\">").append(s).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (TagAudit t : tags) {
            h.append("<tr class=\"")
                    .append(t.ok() ? "ok" : "notok")
                    .append("\"><td>")
                    .append(esc(t.repository() + ":" + t.tag()))
                    .append("</td><td><code>")
                    .append(t.digest() == null ? "-" : esc(t.digest().substring(0, 19)))
                    .append("</code></td><td><code>")
                    .append(esc(verifiedBy(t)))
                    .append("</code></td><td>")
                    .append(badge(t.signed(), t.signed() ? "signed" : "unsigned"))
                    .append("</td>");
            if (policies) {
                h.append("<td>")
                        .append(
                                t.policyPassed() == null
                                        ? "-"
                                        : badge(t.policyPassed(), t.policyPassed() ? "pass" : "fail"))
                        .append("</td>");
            }
            for (String s : SEVERITIES) {
                h.append("<td class=\"num\">").append(count(t, s)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
        new GatingHtml(tags).append(h);
        problems(h);
        h.append("<footer>gate audit &middot; generated ").append(esc(time)).append("</footer></body></html>\n");
        return h.toString();
    }

    /** JUnit XML, as CI systems show test results: one test case per tag, one per repository that could not be listed. */
    public String junit() {
        return new AuditJunit(registry, time).xml(tags, listingFailures);
    }

    private void problems(StringBuilder h) {
        if (!listingFailures.isEmpty()) {
            h.append("<section><h2>Repositories that could not be listed</h2><ul>");
            listingFailures.forEach(f -> h.append("<li><b>")
                    .append(esc(f.repository()))
                    .append("</b> &mdash; ")
                    .append(esc(f.error()))
                    .append("</li>"));
            h.append("</ul></section>\n");
        }
        List<TagAudit> unsignedTags = tags.stream().filter(t -> !t.signed()).toList();
        if (!unsignedTags.isEmpty()) {
            h.append("<section><h2>Unsigned tags</h2><ul>");
            unsignedTags.forEach(t -> h.append("<li><b>")
                    .append(esc(t.repository() + ":" + t.tag()))
                    .append("</b>")
                    .append(t.error() == null ? "" : " &mdash; " + esc(t.error()))
                    .append("</li>"));
            h.append("</ul></section>\n");
        }
        List<TagAudit> failing =
                tags.stream().filter(t -> !problems(t).isEmpty()).toList();
        if (!failing.isEmpty()) {
            h.append("<section><h2>Failing rules and verification problems</h2>");
            for (TagAudit t : failing) {
                h.append("<h3>").append(esc(t.repository() + ":" + t.tag())).append("</h3><ul>");
                t.failingRules()
                        .forEach(r ->
                                h.append("<li class=\"rule\">").append(esc(r)).append("</li>"));
                t.failures()
                        .forEach(f ->
                                h.append("<li class=\"verify\">").append(esc(f)).append("</li>"));
                t.unapproved()
                        .forEach(u ->
                                h.append("<li class=\"rule\">").append(esc(u)).append("</li>"));
                h.append("</ul>");
            }
            h.append("</section>\n");
        }
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

    private static void tile(StringBuilder h, String label, long value, String kind) {
        h.append("<div class=\"tile ")
                .append(kind)
                .append("\"><div class=\"v\">")
                .append(value)
                .append("</div><div class=\"l\">")
                .append(esc(label))
                .append("</div></div>");
    }

    private static String badge(boolean good, String text) {
        return "<span class=\"badge " + (good ? "good" : "bad") + "\">" + text + "</span>";
    }

    /** The first key id or identity that verified the tag, short as digests are shown; "-" when none did. */
    private static String verifiedBy(TagAudit t) {
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

    private static String count(TagAudit t, String severity) {
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

    static String esc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
            header{background:#24292f;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#d0d7de}
            section{background:#fff;margin:16px 32px;padding:16px 20px;border:1px solid #d0d7de;border-radius:8px}
            h2{font-size:16px;margin:0 0 12px}h3{font-size:14px;margin:12px 0 4px}
            .tiles{display:flex;gap:16px;background:none;border:none;padding:0}
            .tile{flex:1;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:14px 18px}
            .tile .v{font-size:28px;font-weight:600}.tile .l{color:#57606a}
            .tile.good .v{color:#1a7f37}.tile.bad .v{color:#cf222e}
            .bar{display:flex;align-items:center;gap:10px;margin:4px 0}.label{width:70px;text-transform:capitalize}
            .track{flex:1;height:14px;background:#eaeef2;border-radius:7px;overflow:hidden}.fill{display:block;height:100%}
            .fill.critical{background:#8b0000}.fill.high{background:#cf222e}.fill.medium{background:#d4a72c}
            .fill.low{background:#54aeff}.fill.unknown{background:#8c959f}.n{width:48px;text-align:right;font-variant-numeric:tabular-nums}
            table{border-collapse:collapse;width:100%}th,td{padding:6px 10px;border-bottom:1px solid #eaeef2;text-align:left}
            th{background:#f6f8fa;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.notok td:first-child{border-left:4px solid #cf222e}tr.ok td:first-child{border-left:4px solid #1a7f37}
            .badge{padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
            .badge.good{background:#dafbe1;color:#1a7f37}.badge.bad{background:#ffebe9;color:#cf222e}
            li.rule{color:#cf222e}li.verify{color:#9a6700}code{font-size:12px}
            footer{color:#57606a;margin:8px 32px 24px;font-size:12px}
            """;
}
