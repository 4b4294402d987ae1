package dev.gate.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.HostileText;
import dev.gate.cli.gate.JunitReports;
import dev.gate.pipeline.audit.AuditReport;
import dev.gate.pipeline.audit.GatedBy;
import dev.gate.pipeline.audit.TagAudit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit's text table and HTML page with tag names, errors and rule messages a hostile registry chose. */
class AuditReportTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static AuditReport report() {
        TagAudit listed = new TagAudit(
                "team/app",
                HostileText.NAME,
                DIGEST,
                true,
                List.of(),
                List.of("signature"),
                List.of(),
                Map.of(),
                false,
                List.of("gate.prod.deny_license: " + HostileText.NAME),
                null,
                new GatedBy(
                        "2026-11-30T10:00:00Z",
                        List.of(new GatedBy.PolicyFile("policies/" + HostileText.NAME, "cd".repeat(32))),
                        List.of(),
                        List.of(),
                        Map.of("provider", "github-actions", "runId", HostileText.NAME)),
                List.of("gated by a policy not on the approved list: policies/" + HostileText.NAME));
        TagAudit broken = TagAudit.failed("team/app", "1.0.0", "registry said: " + HostileText.NAME);
        return new AuditReport("registry.example.com", List.of(listed, broken), true, true);
    }

    @Test
    void tableEscapesTagsErrorsAndRules() {
        String table = report().table();
        HostileText.assertInert(table);
        assertEquals(4, table.lines().count(), "a header, two tags, the totals:\n" + table);
    }

    @Test
    void htmlStaysEscaped() {
        String html = report().html();
        assertFalse(html.contains("|*<b>"), html);
        assertTrue(html.contains("|*&lt;b&gt;[x](y)"), html);
        assertTrue(html.contains("How each image was gated"), html);
        assertFalse(html.contains("<b>[x]"), html);
    }

    @Test
    void junitCarriesTheGatingProblemEscaped() throws Exception {
        String xml = report().junit();
        HostileText.assertInert(xml);
        String failure = JunitReports.cases(xml).get(dev.gate.image.SafeText.of(HostileText.NAME));
        assertTrue(failure != null && failure.contains("not on the approved list: policies/evil\\x1b[2J"), xml);
    }
}
