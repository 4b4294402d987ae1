package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.signing.oci.BundleReferrers;
import dev.gate.signing.oci.SignatureStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * cosign's duplicate detection for sigstore bundle referrers: a stored key-signed DSSE bundle that verifies with this
 * key and holds a statement about the same image with the same predicate type and predicate digest. Signing or
 * attesting again with {@code --bundle} then publishes nothing.
 */
public final class BundleDuplicates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleDuplicates() {}

    /** The referrer manifest already holding {@code statement} signed by {@code key}, if one does. */
    public static Optional<Digest> find(SignatureStore store, CosignKeyPair key, InTotoStatement statement) {
        try {
            for (BundleReferrers.Found bundle :
                    BundleReferrers.read(store, statement.subjectDigest(), SigstoreBundles.MEDIA_TYPE)) {
                if (bundle.failure() == null && holds(bundle.content(), key, statement)) {
                    return Optional.of(bundle.manifest());
                }
            }
        } catch (GateException e) {
            // An unreadable referrers index holds no duplicate; publishing reports it.
        }
        return Optional.empty();
    }

    private static boolean holds(byte[] bundle, CosignKeyPair key, InTotoStatement statement) {
        try {
            JsonNode envelope = JSON.readTree(bundle).path("dsseEnvelope");
            return envelope.isObject()
                    && ImageAttestations.sameStatement(
                            envelope.toString().getBytes(StandardCharsets.UTF_8), key, statement);
        } catch (IOException e) {
            return false;
        }
    }
}
