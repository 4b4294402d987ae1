package dev.gate.pipeline.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.signing.Problem;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.oci.BundleReferrers;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.SignatureStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The attestations of an image that verify with a trusted key or keyless identity and name the image as their subject,
 * from the {@code .att} tag and from sigstore bundle referrers (where cosign 3 attests by default, and {@code gate push
 * --keyless}). What does not verify is listed, never used.
 */
public final class AttestedPredicates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<VerifiedAttestation> attestations = new ArrayList<>();
    private final List<Problem> failures = new ArrayList<>();

    public static AttestedPredicates read(SignatureStore store, Digest image, PublicKey key) {
        return read(store, image, TrustedKeys.of(key));
    }

    public static AttestedPredicates read(SignatureStore store, Digest image, TrustedKeys keys) {
        AttestedPredicates found = new AttestedPredicates();
        found.readTag(store, image, keys);
        found.readBundles(store, image, keys);
        return found;
    }

    private void readTag(SignatureStore store, Digest image, TrustedKeys keys) {
        String tag = CosignAttacher.attestationTag(image);
        List<CosignLayer> layers;
        try {
            layers = new CosignAttacher(store).layers(tag);
        } catch (GateException e) {
            failures.add(Problem.of(e));
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            CosignLayer layer = layers.get(i);
            String where = tag + " layer " + i;
            addVerified(() -> keys.open(layer.content(), where), image, VerifiedAttestation.ATT_TAG, where);
        }
    }

    /** DSSE bundles, key-signed or keyless; message signatures carry no predicate. */
    private void readBundles(SignatureStore store, Digest image, TrustedKeys keys) {
        List<BundleReferrers.Found> bundles;
        try {
            bundles = BundleReferrers.read(store, image, SigstoreBundles.MEDIA_TYPE);
        } catch (GateException e) {
            failures.add(Problem.of(e));
            return;
        }
        for (BundleReferrers.Found bundle : bundles) {
            if (bundle.failure() != null) {
                failures.add(Problem.of(bundle.failure()));
                continue;
            }
            addVerified(() -> open(bundle, image, keys), image, VerifiedAttestation.REFERRER, bundle.where());
        }
    }

    /** The bundle's statement when a trusted key or the trusted identity made it; null for anyone else's or a message signature. */
    private static TrustedKeys.Opened open(BundleReferrers.Found bundle, Digest image, TrustedKeys keys) {
        JsonNode root = parse(bundle.content(), bundle.where());
        if (!root.path("dsseEnvelope").isObject()) {
            return null;
        }
        if (root.path("verificationMaterial").has("publicKey")) {
            return keys.open(root.path("dsseEnvelope").toString().getBytes(StandardCharsets.UTF_8), bundle.where());
        }
        return keys.openKeyless(bundle.content(), image, bundle.where());
    }

    /**
     * {@code verified} gives null when no trusted key or identity made the claim. Another signer's attestation, or an
     * altered one, never reaches a policy and does not fail it; a trusted one about another image (a replay) fails.
     */
    private void addVerified(Supplier<TrustedKeys.Opened> verified, Digest image, String source, String where) {
        try {
            TrustedKeys.Opened opened = verified.get();
            if (opened != null) {
                JsonNode statement = Statements.about(opened.payload(), image, where);
                attestations.add(new VerifiedAttestation(
                        statement.path("predicateType").asText(),
                        statement.path("predicate"),
                        opened.signer(),
                        source,
                        image,
                        Digest.sha256(opened.payload())));
            }
        } catch (GateException e) {
            failures.add(Problem.of(e));
        }
    }

    static JsonNode parse(byte[] json, String where) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw GateException.input(where + ": not JSON");
        }
    }

    /** The predicate of the last verified attestation of {@code type} (the gate replaces its own), or null. */
    public JsonNode predicate(String type) {
        JsonNode last = null;
        for (VerifiedAttestation a : attestations) {
            if (a.predicateType().equals(type)) {
                last = a.predicate();
            }
        }
        return last;
    }

    /** Every verified attestation, in the order stored. */
    public List<VerifiedAttestation> attestations() {
        return List.copyOf(attestations);
    }

    /**
     * What was found and may not reach a policy: unreadable claims, trusted claims about another image, keyless bundles
     * sigstore refuses. Another signer's claims are not among them.
     */
    public List<Problem> failures() {
        return List.copyOf(failures);
    }
}
