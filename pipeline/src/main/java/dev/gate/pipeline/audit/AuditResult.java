package dev.gate.pipeline.audit;

import java.util.List;

/** Every audited tag (sorted by repository and tag) and every repository that could not be listed. */
public record AuditResult(List<TagAudit> tags, List<ListingFailure> listingFailures) {

    public AuditResult {
        tags = List.copyOf(tags);
        listingFailures = List.copyOf(listingFailures);
    }

    /** Nothing failed: every tag passed and every repository was listed. */
    public boolean ok() {
        return listingFailures.isEmpty() && tags.stream().allMatch(TagAudit::ok);
    }
}
