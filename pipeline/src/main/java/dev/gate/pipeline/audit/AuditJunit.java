package dev.gate.pipeline.audit;

import dev.gate.pipeline.report.JunitXml;
import java.util.List;

/**
 * The audit as JUnit XML: a test suite per repository, a test case per tag (failing with its problems), and a failing
 * test case for a repository that could not be listed, so a CI system's test view shows what failed where.
 */
final class AuditJunit {

    private final String registry;
    private final String time;

    AuditJunit(String registry, String time) {
        this.registry = registry;
        this.time = time;
    }

    String xml(List<TagAudit> tags, List<ListingFailure> listingFailures) {
        JunitXml junit = new JunitXml("gate audit " + registry, time);
        for (TagAudit t : tags) {
            String suite = registry + "/" + t.repository();
            if (t.ok()) {
                junit.pass(suite, t.tag());
            } else {
                List<String> problems = t.error() != null ? List.of(t.error()) : AuditReport.problems(t);
                junit.fail(suite, t.tag(), problems.isEmpty() ? List.of("not signed") : problems);
            }
        }
        for (ListingFailure f : listingFailures) {
            junit.fail(registry + "/" + f.repository(), "(listing)", List.of("could not list tags: " + f.error()));
        }
        return junit.xml();
    }
}
