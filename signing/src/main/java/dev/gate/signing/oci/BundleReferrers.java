package dev.gate.signing.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the referrers of an image that carry one artifact type (sigstore bundles): lists them
 * from the store's referrers index, then fetches each manifest and its single layer. A referrer
 * that cannot be read, names another subject or does not have that shape is reported, not skipped
 * silently, and the others are still read.
 */
public final class BundleReferrers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleReferrers() {}

    /**
     * One referrer's layer bytes (digest-checked), or why it could not be read: the error its read threw, which names the
     * referrer and keeps its kind (a verifier records it as an unreadable claim).
     */
    public record Found(Digest manifest, byte[] content, GateException failure) {

        public String where() {
            return "referrer " + manifest;
        }
    }

    public static List<Found> read(SignatureStore store, Digest image, String artifactType) {
        Optional<byte[]> index = store.referrers(image);
        List<Found> found = new ArrayList<>();
        if (index.isEmpty()) {
            return found;
        }
        JsonNode manifests = parse(index.get(), "referrers index of " + image).path("manifests");
        for (JsonNode descriptor : manifests) {
            String listedType = descriptor.path("artifactType").asText(null);
            if (listedType != null && !listedType.equals(artifactType)) {
                continue;
            }
            Digest digest;
            try {
                digest = Digest.parse(descriptor.path("digest").asText());
            } catch (RuntimeException e) {
                throw GateException.input("referrers index of " + image + ": bad manifest digest '"
                        + descriptor.path("digest").asText() + "'");
            }
            try {
                byte[] content = layer(store, digest, image, artifactType);
                if (content != null) {
                    found.add(new Found(digest, content, null));
                }
            } catch (GateException e) {
                found.add(new Found(digest, null, e));
            }
        }
        return found;
    }

    /** The single layer of the referrer; null when its artifact type is another one. */
    private static byte[] layer(SignatureStore store, Digest digest, Digest image, String artifactType) {
        String where = "referrer " + digest;
        byte[] raw = store.manifest(digest.toString())
                .orElseThrow(() -> GateException.input(where + ": listed in the referrers index but missing"));
        JsonNode manifest = parse(raw, where);
        if (!artifactType.equals(manifest.path("artifactType").asText())) {
            return null;
        }
        String subject = manifest.path("subject").path("digest").asText();
        if (!subject.equals(image.toString())) {
            throw GateException.input(
                    where + ": subject is " + (subject.isEmpty() ? "missing" : subject) + ", not the image " + image);
        }
        JsonNode layers = manifest.path("layers");
        if (layers.size() != 1) {
            throw GateException.input(where + ": expected one layer, found " + layers.size());
        }
        Digest layer;
        try {
            layer = Digest.parse(layers.get(0).path("digest").asText());
        } catch (RuntimeException e) {
            throw GateException.input(where + ": bad layer digest");
        }
        byte[] content = store.blob(layer, layers.get(0).path("size").asLong());
        if (!Digest.sha256(content).equals(layer)) {
            throw GateException.input(where + ": layer " + layer + " does not match its digest");
        }
        return content;
    }

    private static JsonNode parse(byte[] raw, String where) {
        try {
            JsonNode node = JSON.readTree(raw);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw GateException.input(where + ": not a JSON manifest");
    }
}
