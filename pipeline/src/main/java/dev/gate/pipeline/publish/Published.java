package dev.gate.pipeline.publish;

import java.util.List;

/**
 * What one destination received, for the reports.
 *
 * @param signatures   where each signature went, e.g. {@code sha256-<hex>.sig} or a bundle referrer digest
 * @param attestations predicate type and tag of each attestation
 * @param referrers    digests of the SBOM referrer artifacts
 */
public record Published(
        String destination,
        String digest,
        int blobsUploaded,
        int blobsSkipped,
        List<String> signatures,
        List<String> attestations,
        List<String> referrers,
        String tag) {}
