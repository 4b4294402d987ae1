package dev.gate.signing.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI manifest cosign stores under {@code sha256-<hex>.sig} / {@code .att}: an image built
 * on go-containerregistry's empty image, so its config is an OCI image config whose rootfs lists
 * each layer's digest (layers are uncompressed, so diff id = digest) and whose history has one
 * zero-time entry per layer.
 */
public final class CosignManifest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private CosignManifest() {}

    public record Built(byte[] manifest, byte[] config) {}

    public static Built build(List<CosignLayer> layers) {
        byte[] config = config(layers);
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_MANIFEST);
        descriptor(root.putObject("config"), MediaTypes.OCI_CONFIG, config, Map.of());
        ArrayNode array = root.putArray("layers");
        for (CosignLayer layer : layers) {
            descriptor(array.addObject(), layer.mediaType(), layer.content(), layer.annotations());
        }
        return new Built(bytes(root), config);
    }

    /** Reads the layers of a stored manifest, fetching and digest-checking each blob. */
    public static List<CosignLayer> read(byte[] manifest, SignatureStore store, String tag) {
        JsonNode root = parse(manifest, tag);
        JsonNode layers = root.path("layers");
        if (!layers.isArray()) {
            throw GateException.input(tag + ": corrupted signature manifest: no layers array");
        }
        List<CosignLayer> result = new ArrayList<>();
        for (JsonNode layer : layers) {
            result.add(readLayer(layer, store, tag));
        }
        return result;
    }

    private static CosignLayer readLayer(JsonNode layer, SignatureStore store, String tag) {
        Digest digest;
        try {
            digest = Digest.parse(layer.path("digest").asText());
        } catch (RuntimeException e) {
            throw GateException.input(tag + ": corrupted signature manifest: bad layer digest");
        }
        byte[] content = store.blob(digest, layer.path("size").asLong());
        if (!Digest.sha256(content).equals(digest)) {
            throw GateException.input(tag + ": layer " + digest + " does not match its digest");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        layer.path("annotations")
                .fields()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new CosignLayer(layer.path("mediaType").asText(), content, annotations);
    }

    private static byte[] config(List<CosignLayer> layers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("architecture", "");
        root.put("created", ZERO_TIME);
        ArrayNode history = root.putArray("history");
        ObjectNode rootfs = JSON.createObjectNode().put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        for (CosignLayer layer : layers) {
            history.addObject().put("created", ZERO_TIME);
            diffIds.add(layer.digest().toString());
        }
        root.put("os", "");
        root.set("rootfs", rootfs);
        root.putObject("config");
        return bytes(root);
    }

    private static void descriptor(ObjectNode node, String mediaType, byte[] content, Map<String, String> annotations) {
        node.put("mediaType", mediaType);
        node.put("size", content.length);
        node.put("digest", Digest.sha256(content).toString());
        if (!annotations.isEmpty()) {
            ObjectNode target = node.putObject("annotations");
            annotations.forEach(target::put);
        }
    }

    private static JsonNode parse(byte[] manifest, String tag) {
        try {
            return JSON.readTree(manifest);
        } catch (IOException e) {
            throw GateException.input(tag + ": corrupted signature manifest: not JSON");
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
