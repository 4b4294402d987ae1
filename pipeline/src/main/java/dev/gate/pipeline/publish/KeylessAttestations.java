package dev.gate.pipeline.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.merge.MergedWrites;
import dev.gate.signing.CertifiedSigner;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.KeylessSigning;
import dev.gate.signing.Signer;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.oci.BundleReferrers;
import dev.gate.signing.oci.Referrers;
import dev.gate.signing.oci.SignatureStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An image's attestations signed keyless: each statement goes to the signing service as a DSSE envelope and comes back a
 * sigstore bundle, published as a referrer of the image, where cosign 3 and policy-controller look for it. A rerun
 * whose statement is byte for byte one this identity already published (same predicate) publishes nothing again: each
 * bundle costs a certificate and a transparency-log entry. Another signer's bundle of the same statement does not
 * count: it is not this identity's claim.
 */
final class KeylessAttestations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeylessSigning service;
    private final Signer signer;
    private final SignatureStore store;
    private final MergedWrites writes;
    private final Descriptor subject;
    private Set<Digest> published;

    /** {@code signer}: the identity this run's certificates state; null publishes every statement. */
    KeylessAttestations(
            KeylessSigning service, Signer signer, SignatureStore store, MergedWrites writes, Descriptor subject) {
        this.service = service;
        this.signer = signer;
        this.store = store;
        this.writes = writes;
        this.subject = subject;
    }

    void attest(String signedName, String type, JsonNode predicate, List<String> where) {
        if (predicate == null) {
            return;
        }
        byte[] statement = new InTotoStatement(signedName, subject.digest(), type, predicate).bytes();
        if (publishedStatements().contains(Digest.sha256(statement))) {
            where.add(type + " already in a bundle referrer");
            return;
        }
        byte[] bundle = service.attest(statement).getBytes(StandardCharsets.UTF_8);
        Digest referrer = Referrers.publish(store, SigstoreBundles.MEDIA_TYPE, bundle, subject, writes);
        published.add(Digest.sha256(statement));
        where.add(type + " in bundle referrer " + referrer);
    }

    /** The digests of the DSSE statements the image's bundle referrers already carry with this identity's certificate. */
    private Set<Digest> publishedStatements() {
        if (published == null) {
            published = new HashSet<>();
            if (signer != null) {
                for (BundleReferrers.Found found :
                        BundleReferrers.read(store, subject.digest(), SigstoreBundles.MEDIA_TYPE)) {
                    ownPayload(found).ifPresent(p -> published.add(Digest.sha256(p)));
                }
            }
        }
        return published;
    }

    private Optional<byte[]> ownPayload(BundleReferrers.Found found) {
        if (found.failure() != null) {
            return Optional.empty();
        }
        try {
            JsonNode payload =
                    JSON.readTree(found.content()).path("dsseEnvelope").path("payload");
            if (!payload.isTextual() || !signer.equals(CertifiedSigner.of(found.content()))) {
                return Optional.empty();
            }
            return Optional.of(Base64.getDecoder().decode(payload.asText()));
        } catch (IOException | IllegalArgumentException | GateException e) {
            return Optional.empty(); // an unreadable bundle is not ours; ours is published beside it
        }
    }
}
