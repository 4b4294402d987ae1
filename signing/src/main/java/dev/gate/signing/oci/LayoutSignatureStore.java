package dev.gate.signing.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.layout.LayoutFiles;
import dev.gate.image.layout.LayoutWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Signature manifests in an OCI layout: blobs under {@code blobs/sha256/}, each manifest an
 * {@code index.json} entry whose {@code org.opencontainers.image.ref.name} is its tag. A "tag" that
 * is a digest (a referrer) becomes an entry without a name. Written through the layout's one writer
 * ({@link LayoutWriter}), as images are.
 */
public final class LayoutSignatureStore implements SignatureStore {

    public static final String REF_NAME = LayoutWriter.REF_NAME;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final LayoutWriter writer;

    public LayoutSignatureStore(Path dir) {
        this.dir = dir;
        this.writer = new LayoutWriter(dir);
    }

    @Override
    public Optional<byte[]> manifest(String tag) {
        for (JsonNode entry : readIndex().path("manifests")) {
            if (matches(entry, tag)) {
                Digest digest = Digest.parse(entry.path("digest").asText());
                return Optional.of(blob(digest, entry.path("size").asLong()));
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] blob(Digest digest, long size) {
        try {
            try (java.io.InputStream in =
                    Files.newInputStream(blobPath(digest), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw GateException.input("oci layout " + dir + ": missing blob " + digest);
        } catch (IOException e) {
            throw GateException.operational("cannot read " + blobPath(digest) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void put(String tag, byte[] manifest, Map<Digest, byte[]> blobs) {
        try {
            for (Map.Entry<Digest, byte[]> blob : blobs.entrySet()) {
                writer.blob(
                        Descriptor.of(MediaTypes.OCI_LAYER, blob.getKey(), blob.getValue().length), blob.getValue());
            }
            Descriptor descriptor = Descriptor.of(mediaType(manifest), Digest.sha256(manifest), manifest.length);
            writer.blob(descriptor, manifest);
            writer.name(descriptor, tag.startsWith("sha256:") ? null : tag);
        } catch (IOException e) {
            throw GateException.operational("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Names the manifest with {@code tag}, dropping an unnamed entry for the same digest. */
    public synchronized void tag(String tag, Descriptor descriptor) {
        try {
            writer.name(descriptor, tag);
        } catch (IOException e) {
            throw GateException.operational("cannot write " + dir.resolve("index.json") + ": " + e.getMessage(), e);
        }
    }

    private boolean matches(JsonNode entry, String tag) {
        if (tag.startsWith("sha256:")) {
            return tag.equals(entry.path("digest").asText());
        }
        return tag.equals(entry.path("annotations").path(REF_NAME).asText(null));
    }

    private ObjectNode readIndex() {
        Path file = LayoutFiles.top(dir, "index.json");
        try (java.io.InputStream in = Files.newInputStream(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            JsonNode node = JSON.readTree(in);
            if (node instanceof ObjectNode object && node.path("manifests").isArray()) {
                return object;
            }
            throw GateException.input(file + ": not an OCI index (no manifests array)");
        } catch (NoSuchFileException e) {
            ObjectNode empty = JSON.createObjectNode();
            empty.put("schemaVersion", 2);
            empty.put("mediaType", MediaTypes.OCI_INDEX);
            empty.putArray("manifests");
            return empty;
        } catch (IOException e) {
            throw GateException.input(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String mediaType(byte[] manifest) {
        try {
            String type = JSON.readTree(manifest).path("mediaType").asText();
            return type.isEmpty() ? MediaTypes.OCI_MANIFEST : type;
        } catch (IOException e) {
            return MediaTypes.OCI_MANIFEST;
        }
    }

    private Path blobPath(Digest digest) {
        return LayoutFiles.blob(dir, digest);
    }
}
