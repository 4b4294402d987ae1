package dev.gate.cli.audit;

import dev.gate.pipeline.audit.AuditReport;
import dev.gate.pipeline.audit.TagAudit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.HostileText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit's text table and HTML page with tag names, errors and rule messages a hostile registry chose. */
class AuditReportTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static AuditReport report() {
        TagAudit listed = new TagAudit("team/app", HostileText.NAME, DIGEST, true, List.of(), List.of("signature"), List.of(),
                Map.of(), false, List.of("gate.prod.deny_license: " + HostileText.NAME), null);
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
    }
}
