package dev.gate.pipeline.recheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.pipeline.analysis.PlatformImage;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.attestation.BuildKitAttestations;
import dev.gate.pipeline.attestation.VerifiedAttestation;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.pipeline.input.ImageSection;
import dev.gate.pipeline.input.InputDocument;
import dev.gate.pipeline.input.PlatformFindings;
import dev.gate.scan.Scanner;
import dev.gate.scan.report.JsonReport;
import dev.gate.scan.sbomin.CycloneDxInput;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.Problem;
import dev.gate.signing.Signer;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.SignatureStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads the evidence of one image for the re-check from what its store holds: the verified SBOM, vulnerability and
 * decision attestations of the image and of each platform image it lists, BuildKit's statements when a trusted signer
 * signed the index, and the manifests and config. Each piece that is missing or does not verify is a problem, and an
 * image with any is not described: the policies do not run on part of the evidence.
 */
final class EvidenceReader {

    private final SignatureStore store;
    private final TrustedKeys keys;
    private final boolean rescans;
    private final Scanner shared;
    private final Supplier<Scanner> database;

    /**
     * {@code rescans}: scan each attested SBOM again instead of trusting the attested scan, on {@code shared} when not null
     * (one scan at a time), else on a database {@code database} opens for each scan.
     */
    EvidenceReader(
            SignatureStore store, TrustedKeys keys, boolean rescans, Scanner shared, Supplier<Scanner> database) {
        this.store = store;
        this.keys = keys;
        this.rescans = rescans;
        this.shared = shared;
        this.database = database;
    }

    PolicyRecheck.Evidence read(Artifact artifact, Verification verification) {
        // An index's SBOMs and scans are attested on its images, checked below; it may carry none itself.
        Verification ofImage =
                artifact instanceof Artifact.Multi ? verification.without(Problem.Kind.NO_ATTESTATIONS) : verification;
        return read(artifact, Checked.of(ofImage, keys));
    }

    /**
     * What the signature check found, as the re-evaluation needs it: its problems, whether a trusted key or identity signed
     * the image itself (which vouches for the BuildKit statements its index lists), and how it was signed, recorded as
     * {@code input.signing}: the key that verified the signature, or keyless.
     */
    private record Checked(List<Problem> problems, boolean signedByTrustedKey, InputDocument.Signing signing) {

        static Checked of(Verification verification, TrustedKeys keys) {
            List<Signer> signers = verification.verified().stream()
                    .filter(v -> v.predicateType() == null)
                    .map(Verification.Verified::signer)
                    .toList();
            String keyId = signers.stream()
                    .map(Signer::keyId)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            InputDocument.Signing signing = keyId != null
                    ? new InputDocument.Signing("key", keyId)
                    : !signers.isEmpty() || !keys.hasKeys()
                            ? new InputDocument.Signing("keyless", null)
                            : new InputDocument.Signing("key", keys.keyIds().get(0));
            return new Checked(
                    verification.problems(),
                    !signers.isEmpty() && verification.failures().isEmpty(),
                    signing);
        }
    }

    private PolicyRecheck.Evidence read(Artifact artifact, Checked checked) {
        List<Problem> problems = new ArrayList<>(checked.problems());
        Digest digest = artifact.descriptor().digest();
        List<PlatformImage> images = PlatformImage.of(artifact);
        List<JsonNode> boms = new ArrayList<>();
        List<JsonNode> scans = new ArrayList<>();
        AttestedPredicates ofIndex = AttestedPredicates.read(store, digest, keys);
        List<VerifiedAttestation> attestations = new ArrayList<>(ofIndex.attestations());
        JsonNode decision = ofIndex.predicate(DecisionRecord.PREDICATE_TYPE);
        for (PlatformImage p : images) {
            Digest platform = p.descriptor().digest();
            AttestedPredicates attested =
                    platform.equals(digest) ? ofIndex : AttestedPredicates.read(store, platform, keys);
            if (!platform.equals(digest)) {
                attestations.addAll(attested.attestations());
            }
            problems.addAll(attested.failures());
            JsonNode bom = attested.predicate(InTotoStatement.SBOM_CYCLONEDX);
            if (bom == null || !bom.isObject()) {
                problems.add(
                        missing(platform + ": no verified SBOM attestation (" + InTotoStatement.SBOM_CYCLONEDX + ")"));
                continue;
            }
            boms.add(bom);
            JsonNode scan = rescans
                    ? rescan(bom, platform)
                    : attested.predicate(InTotoStatement.VULN) == null
                            ? null
                            : attested.predicate(InTotoStatement.VULN)
                                    .path("scanner")
                                    .path("result");
            if (scan == null) {
                problems.add(
                        missing(platform + ": no verified vulnerability attestation (give --db to scan the SBOM)"));
            } else {
                scans.add(PlatformFindings.of(scan, p));
            }
            if (decision == null) {
                decision = attested.predicate(DecisionRecord.PREDICATE_TYPE);
            }
        }
        if (checked.signedByTrustedKey()) {
            BuildKitAttestations buildKit = BuildKitAttestations.of(artifact);
            attestations.addAll(buildKit.attestations());
            problems.addAll(buildKit.failures());
        }
        ObjectNode described = problems.isEmpty() ? ImageSection.described(artifact, images) : null;
        return new PolicyRecheck.Evidence(described, boms, scans, decision, attestations, checked.signing(), problems);
    }

    private static Problem missing(String message) {
        return new Problem(Problem.Kind.MISSING_ATTESTATION, message);
    }

    private JsonNode rescan(JsonNode bom, Digest image) {
        CycloneDxInput sbom = CycloneDxInput.fromBom((ObjectNode) bom, "SBOM attestation of " + image);
        if (shared != null) {
            synchronized (shared) {
                return JsonReport.document(shared.scan(sbom.packages(), sbom.os()));
            }
        }
        try (Scanner scanner = database.get()) {
            return JsonReport.document(scanner.scan(sbom.packages(), sbom.os()));
        }
    }
}
