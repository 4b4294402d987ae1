package dev.gate.pipeline.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.merge.MergedWrites;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import dev.gate.pipeline.analysis.StepTimes;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.signing.CertifiedSigner;
import dev.gate.signing.Dsse;
import dev.gate.signing.ImageAttestations;
import dev.gate.signing.ImageSignatures;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.Signer;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.Referrers;
import dev.gate.signing.oci.SignatureStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Steps 5 and 6 for one destination, in the order that keeps a tag honest: the image by digest,
 * signatures, attestations and the SBOM referrer, and only then the tag. Every step is idempotent,
 * so a rerun after a failure finishes the work: blobs already there are skipped, a signature this
 * key already made is kept, and an attestation replaces the ones this key made earlier of its type.
 */
public final class Publisher {

    static final String SBOM_ARTIFACT_TYPE = "application/vnd.cyclonedx+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigningMethod signing;
    private final StepTimes times;
    /** Keyless: the identity this run's certificate states, known once the first signature is made. */
    private Signer keylessSigner;

    public Publisher(SigningMethod signing, StepTimes times) {
        this.signing = signing;
        this.times = times;
    }

    /** Attestation predicates for one subject; null entries are left out. */
    public record Subject(
            Descriptor descriptor, JsonNode sbom, String sbomJson, JsonNode vulnerabilities, JsonNode decision) {}

    public Published publish(
            Destination destination, Artifact artifact, List<Subject> subjects, PushListener listener) {
        PushReport[] report = new PushReport[1];
        times.time("push", () -> report[0] = destination.pushByDigest(artifact, listener));
        SignatureStore store = destination.signatures();
        MergedWrites writes = MergedWrites.standard();
        CosignAttacher attacher = new CosignAttacher(store, writes);
        String signedName = destination.name().signedName();
        List<String> signatures = new ArrayList<>();
        List<String> attestations = new ArrayList<>();
        List<String> referrers = new ArrayList<>();
        times.time("sign", () -> {
            for (Subject s : subjects) {
                sign(store, attacher, writes, signedName, s.descriptor(), signatures);
            }
        });
        times.time("attest", () -> {
            for (Subject s : subjects) {
                attest(attacher, store, writes, signedName, s, attestations);
            }
        });
        times.time("referrer", () -> {
            for (Subject s : subjects) {
                if (s.sbomJson() != null) {
                    referrers.add(sbomReferrer(store, writes, s));
                }
            }
        });
        // Concurrent writers of the same image (other jobs signing or attesting it) may have replaced what was written:
        // every signature and attestation is confirmed stored before the tag points at the image.
        times.time("confirm", writes::confirm);
        times.time("tag", () -> destination.tag(artifact));
        int uploaded = 0;
        int skipped = 0;
        for (PushReport.BlobResult b : report[0].blobs()) {
            if (b.outcome() == PushListener.Outcome.SKIPPED_EXISTING) {
                skipped++;
            } else {
                uploaded++;
            }
        }
        return new Published(
                destination.describe(),
                artifact.descriptor().digest().toString(),
                uploaded,
                skipped,
                signatures,
                attestations,
                referrers,
                destination.name().tag());
    }

    private void sign(
            SignatureStore store,
            CosignAttacher attacher,
            MergedWrites writes,
            String signedName,
            Descriptor subject,
            List<String> where) {
        Digest digest = subject.digest();
        if (signing instanceof SigningMethod.WithKey) {
            ImageSignatures.sign(attacher, signing.key(), signedName, digest);
            where.add(CosignAttacher.signatureTag(digest));
        } else if (signing instanceof SigningMethod.Keyless keyless) {
            String bundle = keyless.service().signImage(signedName, digest);
            keylessSigner = CertifiedSigner.of(bundle.getBytes(StandardCharsets.UTF_8));
            Digest referrer = Referrers.publish(
                    store, SigstoreBundles.MEDIA_TYPE, bundle.getBytes(StandardCharsets.UTF_8), subject, writes);
            where.add("bundle referrer " + referrer);
        }
        // Unsigned (--no-sign): nothing to attach.
    }

    private void attest(
            CosignAttacher attacher,
            SignatureStore store,
            MergedWrites writes,
            String signedName,
            Subject subject,
            List<String> where) {
        if (!signing.attests()) {
            return;
        }
        if (signing instanceof SigningMethod.Keyless keylessSigning) {
            KeylessAttestations keyless = new KeylessAttestations(
                    keylessSigning.service(), keylessSigner, store, writes, subject.descriptor());
            keyless.attest(signedName, InTotoStatement.SBOM_CYCLONEDX, subject.sbom(), where);
            keyless.attest(signedName, InTotoStatement.VULN, subject.vulnerabilities(), where);
            keyless.attest(signedName, DecisionRecord.PREDICATE_TYPE, subject.decision(), where);
            return;
        }
        attestOne(attacher, signedName, subject.descriptor(), InTotoStatement.SBOM_CYCLONEDX, subject.sbom(), where);
        attestOne(attacher, signedName, subject.descriptor(), InTotoStatement.VULN, subject.vulnerabilities(), where);
        attestOne(attacher, signedName, subject.descriptor(), DecisionRecord.PREDICATE_TYPE, subject.decision(), where);
    }

    private void attestOne(
            CosignAttacher attacher,
            String signedName,
            Descriptor subject,
            String type,
            JsonNode predicate,
            List<String> where) {
        if (predicate == null) {
            return;
        }
        InTotoStatement statement = new InTotoStatement(signedName, subject.digest(), type, predicate);
        CosignLayer layer = ImageAttestations.layer(signing.key(), statement);
        String tag = CosignAttacher.attestationTag(subject.digest());
        // A rerun that attests the same predicate keeps the stored attestation; a new one replaces this key's earlier.
        Predicate<CosignLayer> same = ImageAttestations.sameKeyAndPredicate(signing.key(), statement);
        attacher.replace(
                tag,
                layer,
                old -> type.equals(old.annotations().get(ImageAttestations.PREDICATE_TYPE_ANNOTATION))
                        && madeByThisKey(old)
                        && !same.test(old),
                same);
        where.add(type + " in " + tag);
    }

    private boolean madeByThisKey(CosignLayer layer) {
        try {
            return Dsse.verify(layer.content(), signing.key().publicKey(), "attestation") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One SBOM artifact per image: a rerun finds the one it attached before. */
    private static String sbomReferrer(SignatureStore store, MergedWrites writes, Subject subject) {
        String existing = existingReferrer(store, subject.descriptor().digest());
        if (existing != null) {
            return existing;
        }
        byte[] sbom = subject.sbomJson().getBytes(StandardCharsets.UTF_8);
        return Referrers.publish(store, SBOM_ARTIFACT_TYPE, sbom, subject.descriptor(), writes)
                .toString();
    }

    private static String existingReferrer(SignatureStore store, Digest subject) {
        byte[] index = store.manifest(Referrers.fallbackTag(subject)).orElse(null);
        if (index == null) {
            return null;
        }
        try {
            for (JsonNode entry : JSON.readTree(index).path("manifests")) {
                if (SBOM_ARTIFACT_TYPE.equals(entry.path("artifactType").asText())) {
                    return entry.path("digest").asText();
                }
            }
        } catch (IOException e) {
            return null; // Referrers.publish reports an unreadable index
        }
        return null;
    }
}
