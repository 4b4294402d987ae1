package dev.gate.pipeline.audit;

import java.util.List;
import java.util.Map;

/**
 * The audit as one self-contained HTML page for people who do not read tables: summary tiles, findings by severity,
 * one row per tag, how each image was gated and what failed. Inline CSS, no scripts, no external files, and every
 * name or message from the registry escaped.
 */
final class AuditHtml {

    private final String registry;
    private final String time;
    private final boolean verifiedWithKey;
    private final boolean policies;

    AuditHtml(String registry, String time, boolean verifiedWithKey, boolean policies) {
        this.registry = registry;
        this.time = time;
        this.verifiedWithKey = verifiedWithKey;
        this.policies = policies;
    }

    String page(List<TagAudit> tags, List<ListingFailure> listingFailures, Map<String, Long> totals) {
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
        long max = Math.max(
                1, totals.values().stream().mapToLong(Long::longValue).max().orElse(1));
        for (String s : AuditReport.SEVERITIES) {
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
        for (String s : AuditReport.SEVERITIES) {
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
                    .append(esc(AuditReport.verifiedBy(t)))
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
            for (String s : AuditReport.SEVERITIES) {
                h.append("<td class=\"num\">").append(AuditReport.count(t, s)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
        new GatingHtml(tags).append(h);
        problems(h, tags, listingFailures);
        h.append("<footer>gate audit &middot; generated ").append(esc(time)).append("</footer></body></html>\n");
        return h.toString();
    }

    private static void problems(StringBuilder h, List<TagAudit> tags, List<ListingFailure> listingFailures) {
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
                tags.stream().filter(t -> !AuditReport.problems(t).isEmpty()).toList();
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
