package dev.gate.signing.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.image.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes an artifact as a referrer of an image: the manifest by digest, then the referrers
 * tag-schema fallback index {@code sha256-<hex>} for registries without the referrers API.
 */
public final class Referrers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Referrers() {
    }

    public static Digest publish(SignatureStore store, String artifactType, byte[] layer, Descriptor subject) {
        byte[] manifest = ReferrerManifest.build(artifactType, layer, subject);
        Digest digest = Digest.sha256(manifest);
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(Digest.sha256(ReferrerManifest.EMPTY_CONFIG), ReferrerManifest.EMPTY_CONFIG);
        blobs.put(Digest.sha256(layer), layer);
        store.put(digest.toString(), manifest, blobs);
        addToFallbackIndex(store, subject.digest(), Descriptor.of(MediaTypes.OCI_MANIFEST, digest, manifest.length), artifactType);
        return digest;
    }

    public static String fallbackTag(Digest subject) {
        return subject.algorithm() + "-" + subject.hex();
    }

    private static void addToFallbackIndex(SignatureStore store, Digest subject, Descriptor referrer, String artifactType) {
        String tag = fallbackTag(subject);
        ObjectNode index = store.manifest(tag).map(raw -> readIndex(raw, tag)).orElseGet(Referrers::emptyIndex);
        ArrayNode manifests = (ArrayNode) index.get("manifests");
        for (JsonNode existing : manifests) {
            if (referrer.digest().toString().equals(existing.path("digest").asText())) {
                return;
            }
        }
        manifests.addObject().put("mediaType", referrer.mediaType()).put("digest", referrer.digest().toString())
                .put("size", referrer.size()).put("artifactType", artifactType);
        store.put(tag, index.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static ObjectNode emptyIndex() {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests");
        return index;
    }

    private static ObjectNode readIndex(byte[] raw, String tag) {
        try {
            JsonNode node = JSON.readTree(raw);
            if (node instanceof ObjectNode object && node.path("manifests").isArray()) {
                return object;
            }
        } catch (IOException e) {
            // reported below
        }
        throw GateException.input(tag + ": referrers fallback tag does not hold an OCI index");
    }
}
