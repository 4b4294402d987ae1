package dev.gate.pipeline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.image.Digest;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistrySource;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.scan.Scanner;
import dev.gate.signing.ImageVerifier;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.Problem;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.BundleReferrers;
import dev.gate.signing.oci.CosignAttacher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one image of one repository: its signatures and attestations verified, its attested findings read and, with
 * policies, the evidence they are evaluated on gathered. Signatures live beside the image in its repository, so the
 * same digest in two repositories is checked in each.
 */
final class DigestCheck {

    static final String[] SEVERITIES = {"critical", "high", "medium", "low", "unknown"};

    private final TrustedKeys keys;
    private final List<String> requiredAttestations;
    private final PolicyRecheck recheck;
    private final Scanner scanner;
    private final BlobCache blobs;
    private final ReferrersApi referrersApi;

    /** {@code keys} may be empty (only whether something is signed is told); {@code recheck} null gathers no evidence. */
    DigestCheck(
            TrustedKeys keys,
            List<String> requiredAttestations,
            PolicyRecheck recheck,
            Scanner scanner,
            BlobCache blobs,
            ReferrersApi referrersApi) {
        this.keys = keys;
        this.requiredAttestations = List.copyOf(requiredAttestations);
        this.recheck = recheck;
        this.scanner = scanner;
        this.blobs = blobs;
        this.referrersApi = referrersApi;
    }

    DigestResult check(RegistryClient client, Digest digest) {
        ReadOnceStore store = new ReadOnceStore(client, blobs, referrersApi);
        String repository = client.repository();
        if (keys.isEmpty()) {
            // Unverified: something signed is attached, as a .sig tag or as sigstore bundle referrers.
            boolean signed = store.manifest(CosignAttacher.signatureTag(digest)).isPresent()
                    || BundleReferrers.read(store, digest, SigstoreBundles.MEDIA_TYPE).stream()
                            .anyMatch(b -> b.failure() == null);
            return new DigestResult(
                    repository, digest.toString(), signed, List.of(), List.of(), List.of(), Map.of(), null, null);
        }
        Verification result = new ImageVerifier(store, keys, null)
                .verify(client.registry() + "/" + repository, digest, null)
                .requiring(requiredAttestations, digest);
        List<String> verified = new ArrayList<>();
        result.verified().forEach(v -> verified.add(v.predicateType() == null ? v.kind() : v.predicateType()));
        // An audit expects every tag signed and attested: absences count as failures here.
        List<Problem> failures = result.problems();
        // A signature in either of cosign's formats: the .sig tag, or a bundle (cosign 3 signs there by default).
        boolean signed = result.verified().stream().anyMatch(v -> v.predicateType() == null);
        Map<String, Long> severities = new LinkedHashMap<>();
        AttestedPredicates attested = AttestedPredicates.read(store, digest, keys);
        JsonNode vuln = attested.predicate(InTotoStatement.VULN);
        if (vuln != null) {
            counts(vuln.path("scanner").path("result").path("scan").path("summary"), severities);
        }
        PolicyRecheck.Evidence evidence = null;
        if (recheck != null) {
            try (RegistrySource source = RegistrySource.over(
                    client, dev.gate.image.Reference.parse(client.registry() + "/" + repository + "@" + digest))) {
                evidence = recheck.gather(source.resolve(), store, keys, result, scanner);
            }
        }
        List<String> verifiedBy = result.signers().stream()
                .map(s -> s.keyId() != null ? s.keyId() : s.describe())
                .toList();
        return new DigestResult(
                repository,
                digest.toString(),
                signed,
                verifiedBy,
                verified,
                failures,
                severities,
                evidence,
                GatedBy.of(attested.predicate(DecisionRecord.PREDICATE_TYPE)));
    }

    static void counts(JsonNode summary, Map<String, Long> into) {
        if (summary.isObject()) {
            for (String s : SEVERITIES) {
                into.put(s, summary.path(s).asLong());
            }
        }
    }
}
