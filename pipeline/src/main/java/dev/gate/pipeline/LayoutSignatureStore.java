package dev.gate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.image.layout.LayoutFiles;
import dev.gate.image.layout.LayoutLock;
import dev.gate.image.MediaTypes;
import dev.gate.signing.oci.SignatureStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Signature manifests in an OCI layout: blobs under {@code blobs/sha256/}, each manifest an
 * {@code index.json} entry whose {@code org.opencontainers.image.ref.name} is its tag. A "tag" that
 * is a digest (a referrer) becomes an entry without a name. index.json is replaced atomically.
 */
public final class LayoutSignatureStore implements SignatureStore {

    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public LayoutSignatureStore(Path dir) {
        this.dir = dir;
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
            try (java.io.InputStream in = Files.newInputStream(blobPath(digest), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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
        blobs.forEach(this::writeBlob);
        Digest digest = Digest.sha256(manifest);
        writeBlob(digest, manifest);
        Descriptor descriptor = Descriptor.of(mediaType(manifest), digest, manifest.length);
        name(tag.startsWith("sha256:") ? null : tag, descriptor);
    }

    /** Names the manifest with {@code tag}, dropping an unnamed entry for the same digest. */
    synchronized void tag(String tag, Descriptor descriptor) {
        name(tag, descriptor);
    }

    /** Under the layout's lock: other processes may name manifests in the same layout at once. */
    private void name(String tag, Descriptor descriptor) {
        try {
            LayoutLock.holding(dir, () -> {
                rename(tag, descriptor);
                return null;
            });
        } catch (IOException e) {
            throw GateException.operational("cannot lock " + dir.resolve("index.json") + ": " + e.getMessage(), e);
        }
    }

    private void rename(String tag, Descriptor descriptor) {
        ObjectNode index = readIndex();
        ArrayNode manifests = (ArrayNode) index.get("manifests");
        for (Iterator<JsonNode> it = manifests.elements(); it.hasNext(); ) {
            JsonNode entry = it.next();
            boolean sameName = tag != null && tag.equals(entry.path("annotations").path(REF_NAME).asText(null));
            boolean sameUnnamed = entry.path("annotations").path(REF_NAME).isMissingNode()
                    && descriptor.digest().toString().equals(entry.path("digest").asText());
            if (sameName || sameUnnamed) {
                it.remove();
            }
        }
        ObjectNode entry = manifests.addObject();
        entry.put("mediaType", descriptor.mediaType());
        entry.put("digest", descriptor.digest().toString());
        entry.put("size", descriptor.size());
        if (tag != null) {
            entry.putObject("annotations").put(REF_NAME, tag);
        }
        writeAtomically(dir.resolve("index.json"), index.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

    private void writeBlob(Digest digest, byte[] content) {
        Path path = blobPath(digest);
        if (!Files.isRegularFile(path)) {
            writeAtomically(path, content);
        }
    }

    private void writeAtomically(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path marker = LayoutFiles.top(dir, "oci-layout");
            if (!Files.exists(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.writeString(marker, "{\"imageLayoutVersion\":\"1.0.0\"}", java.nio.file.StandardOpenOption.CREATE_NEW);
            }
            Path temp = Files.createTempFile(target.getParent(), ".tmp-", "");
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw GateException.operational("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
