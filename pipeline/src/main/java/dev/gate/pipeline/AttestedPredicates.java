package dev.gate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.signing.Dsse;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.UntrustedClaim;
import dev.gate.signing.oci.BundleReferrers;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.SignatureStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The predicates of an image's attestations that verify with a key and name the image as their
 * subject, by predicate type (the last one of a type wins, as the gate replaces its own), from the
 * {@code .att} tag and from key-signed sigstore bundle referrers (where cosign 3 attests by default).
 * What does not verify is listed, never used.
 */
public final class AttestedPredicates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> byType = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public static AttestedPredicates read(SignatureStore store, Digest image, PublicKey key) {
        AttestedPredicates found = new AttestedPredicates();
        found.readTag(store, image, key);
        found.readBundles(store, image, key);
        return found;
    }

    private void readTag(SignatureStore store, Digest image, PublicKey key) {
        String tag = CosignAttacher.attestationTag(image);
        List<CosignLayer> layers;
        try {
            layers = new CosignAttacher(store).layers(tag);
        } catch (GateException e) {
            failures.add(e.getMessage());
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            String where = tag + " layer " + i;
            CosignLayer layer = layers.get(i);
            addVerified(layer::content, image, key, where);
        }
    }

    /** Key-signed DSSE bundles; keyless ones and message signatures carry no predicate a key could vouch for. */
    private void readBundles(SignatureStore store, Digest image, PublicKey key) {
        List<BundleReferrers.Found> bundles;
        try {
            bundles = BundleReferrers.read(store, image, SigstoreBundles.MEDIA_TYPE);
        } catch (GateException e) {
            failures.add(e.getMessage());
            return;
        }
        for (BundleReferrers.Found bundle : bundles) {
            if (bundle.failure() != null) {
                failures.add(bundle.failure());
                continue;
            }
            addVerified(() -> keySignedEnvelope(bundle), image, key, bundle.where());
        }
    }

    /** The bundle's DSSE envelope when a key signed it; null for a message signature or a keyless bundle. */
    private static byte[] keySignedEnvelope(BundleReferrers.Found bundle) {
        JsonNode root = parse(bundle.content(), bundle.where());
        if (!root.path("dsseEnvelope").isObject() || !root.path("verificationMaterial").has("publicKey")) {
            return null;
        }
        return root.path("dsseEnvelope").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code envelope} may give null: nothing to read there. */
    private void addVerified(Supplier<byte[]> envelope, Digest image, PublicKey key, String where) {
        try {
            byte[] bytes = envelope.get();
            if (bytes != null) {
                add(bytes, image, key, where);
            }
        } catch (UntrustedClaim e) {
            // Another signer's attestation, or an altered one: it never reaches a policy, and does not fail it.
        } catch (GateException e) {
            failures.add(e.getMessage());
        }
    }

    private void add(byte[] envelope, Digest image, PublicKey key, String where) {
        byte[] payload = Dsse.verify(envelope, key, where);
        if (payload == null) {
            throw new UntrustedClaim(where + ": attestation does not verify with this key");
        }
        JsonNode statement = parse(payload, where);
        InTotoStatement.requireType(statement, where);
        boolean names = false;
        for (JsonNode subject : statement.path("subject")) {
            names |= image.hex().equals(subject.path("digest").path(image.algorithm()).asText());
        }
        if (!names) {
            throw GateException.input(where + ": statement subjects do not include " + image);
        }
        byType.put(statement.path("predicateType").asText(), statement.path("predicate"));
    }

    private static JsonNode parse(byte[] json, String where) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw GateException.input(where + ": not JSON");
        }
    }

    public JsonNode predicate(String type) {
        return byType.get(type);
    }

    public List<String> failures() {
        return failures;
    }
}
