package dev.gate.signing.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import java.nio.charset.StandardCharsets;

/**
 * An OCI 1.1 artifact manifest that refers to an image: {@code artifactType}, the empty config
 * ({@code {}}), one layer and {@code subject}, so the referrers API lists it under the image.
 */
public final class ReferrerManifest {

    public static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferrerManifest() {}

    public static byte[] build(String artifactType, byte[] layer, Descriptor subject) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_MANIFEST);
        root.put("artifactType", artifactType);
        descriptor(root.putObject("config"), MediaTypes.OCI_EMPTY, Digest.sha256(EMPTY_CONFIG), EMPTY_CONFIG.length);
        descriptor(root.putArray("layers").addObject(), artifactType, Digest.sha256(layer), layer.length);
        descriptor(root.putObject("subject"), subject.mediaType(), subject.digest(), subject.size());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void descriptor(ObjectNode node, String mediaType, Digest digest, long size) {
        node.put("mediaType", mediaType);
        node.put("digest", digest.toString());
        node.put("size", size);
    }
}
