package dev.gate.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.errors.GateException;
import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.Image;
import dev.gate.image.Layer;
import dev.gate.image.MediaTypes;
import dev.gate.image.oci.Json;
import dev.gate.image.oci.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image from a legacy docker-archive entry. The archive has no registry manifest, so one is
 * built: an OCI manifest whose config is the archive's config bytes unchanged and whose layers are
 * the archive's {@code layer.tar} files kept uncompressed. An uncompressed layer's digest is its
 * diff id, already listed in the config, so building the manifest hashes nothing but the config,
 * and the same archive always yields the same manifest digest.
 */
final class LegacyDockerImage {

    private LegacyDockerImage() {}

    static Image build(TarMembers tar, JsonNode entry) {
        String configName = entry.path("Config").asText(null);
        JsonNode layerNames = entry.path("Layers");
        if (configName == null || !layerNames.isArray()) {
            throw GateException.input(tar.file() + ": manifest.json entry has no Config or Layers");
        }
        byte[] configBytes = tar.readSmall(configName, null);
        Descriptor configDescriptor =
                Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256(configBytes), configBytes.length);
        JsonNode diffIds = Json.read(configBytes, JsonNode.class, tar.file() + "!" + configName)
                .path("rootfs")
                .path("diff_ids");
        if (diffIds.size() != layerNames.size()) {
            throw GateException.input(tar.file() + ": " + configName + " lists " + diffIds.size()
                    + " rootfs.diff_ids but manifest.json lists " + layerNames.size() + " layers");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < layerNames.size(); i++) {
            String member = layerNames.get(i).asText();
            Digest diffId = Digest.parse(diffIds.get(i).asText());
            layers.add(new MemberLayer(tar, member, Descriptor.of(MediaTypes.OCI_LAYER, diffId, tar.size(member))));
        }
        byte[] manifest = manifest(configDescriptor, layers);
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(manifest), manifest.length);
        return new StoredImage(descriptor, manifest, new ConfigBlob(configDescriptor, configBytes), layers);
    }

    /** Field order is fixed by the map, so equal inputs serialize to equal bytes. */
    private static byte[] manifest(Descriptor config, List<Layer> layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("config", config);
        manifest.put("layers", layers.stream().map(Layer::descriptor).toList());
        return Json.write(manifest);
    }

    private record ConfigBlob(Descriptor descriptor, byte[] bytes) implements Blob {
        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(bytes);
        }
    }

    /** A {@code layer.tar} member, verified against its diff id as it streams. */
    private record MemberLayer(TarMembers tar, String member, Descriptor descriptor) implements Layer {
        @Override
        public InputStream open() throws IOException {
            return tar.open(member, descriptor);
        }

        @Override
        public Optional<FileRegion> storedRegion() {
            return tar.region(member).filter(region -> region.length() == descriptor.size());
        }

        @Override
        public InputStream openUncompressed() throws IOException {
            return open();
        }
    }
}
