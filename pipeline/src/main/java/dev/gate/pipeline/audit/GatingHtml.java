package dev.gate.pipeline.audit;

import java.util.List;

/** The audit page's section on how each image was gated: when, from which CI run, by which policy files and bundles. */
final class GatingHtml {

    private final List<TagAudit> tags;

    GatingHtml(List<TagAudit> tags) {
        this.tags = tags;
    }

    void append(StringBuilder h) {
        List<TagAudit> gated = tags.stream().filter(t -> t.gated() != null).toList();
        if (gated.isEmpty()) {
            return;
        }
        h.append(
                        "<section class=\"gating\"><h2>How each image was gated</h2><table><thead><tr><th>image</th><th>gated</th>")
                .append(
                        "<th>CI run</th><th>policy and data files (sha256)</th><th>approved</th></tr></thead><tbody>\n");
        for (TagAudit t : gated) {
            GatedBy g = t.gated();
            h.append("<tr><td>")
                    .append(AuditHtml.esc(t.repository() + ":" + t.tag()))
                    .append("</td><td>")
                    .append(AuditHtml.esc(g.time() == null ? "-" : g.time()))
                    .append("</td><td>")
                    .append(AuditHtml.esc(g.ciRun() == null ? "-" : g.ciRun()))
                    .append("</td><td><ul>");
            g.policies().forEach(p -> file(h, "", p));
            g.data().forEach(d -> file(h, "data ", d));
            g.policyBundles()
                    .forEach(b -> h.append("<li>bundle <code>")
                            .append(AuditHtml.esc(b))
                            .append("</code></li>"));
            h.append("</ul></td><td>")
                    .append(t.unapproved().isEmpty() ? "-" : "<span class=\"badge bad\">not approved</span>")
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void file(StringBuilder h, String kind, GatedBy.PolicyFile f) {
        h.append("<li>")
                .append(kind)
                .append(AuditHtml.esc(f.path()))
                .append(" <code>")
                .append(AuditHtml.esc(f.sha256()))
                .append("</code></li>");
    }
}
