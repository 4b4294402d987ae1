package dev.gate.pipeline.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.merge.MergedWrites;
import dev.gate.image.registry.FallbackEntry;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.transport.ImageSource;
import dev.gate.image.transport.Transports;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.LayoutSignatureStore;
import dev.gate.signing.oci.Referrers;
import dev.gate.signing.oci.RegistrySignatureStore;
import dev.gate.signing.oci.SignatureStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What hangs off an image, copied along with it ({@code gate copy}): the {@code .sig} and
 * {@code .att} layers of the image and of every image of an index (added to what the destination
 * already holds, duplicates skipped) and its referrers with the fallback index. Copied before the
 * image itself, so the destination's tag never points at an image whose signatures are missing.
 */
public final class AttachedArtifacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttachedArtifacts() {}

    /** Returns how many manifests were copied; sources that hold no signatures (archives, daemons) copy nothing. */
    public static int copy(String source, String destination, RegistryOptions options) {
        if (storeOf(source, options) == null) {
            return 0;
        }
        try (ImageSource image = Transports.source(source, options)) {
            return copy(source, destination, options, image.resolve());
        }
    }

    /**
     * As {@link #copy(String, String, RegistryOptions)}, for {@code artifact} as it will be written: the source's image
     * or index, or part of an index (its chosen images; a new index of them has no signatures of its own).
     */
    public static int copy(String source, String destination, RegistryOptions options, Artifact artifact) {
        SignatureStore from = storeOf(source, options);
        if (from == null) {
            return 0;
        }
        SignatureStore to = Destination.parse(destination, options).signatures();
        List<Descriptor> subjects = new ArrayList<>();
        subjects.add(artifact.descriptor());
        if (artifact instanceof Artifact.Multi multi) {
            subjects.addAll(multi.index().manifests());
        }
        // The destination may be written by other jobs at once: what is merged into its tags is confirmed stored.
        MergedWrites writes = MergedWrites.standard();
        int copied = 0;
        for (Descriptor subject : subjects) {
            copied += copyLayers(from, to, writes, CosignAttacher.signatureTag(subject.digest()));
            copied += copyLayers(from, to, writes, CosignAttacher.attestationTag(subject.digest()));
            copied += copyReferrers(from, to, writes, subject.digest());
        }
        writes.confirm();
        return copied;
    }

    private static SignatureStore storeOf(String location, RegistryOptions options) {
        if (location.startsWith("oci:")) {
            String rest = location.substring("oci:".length());
            int colon = rest.indexOf(':');
            return new LayoutSignatureStore(Path.of(colon < 0 ? rest : rest.substring(0, colon)));
        }
        String ref = location.startsWith("docker://") ? location.substring("docker://".length()) : location;
        if (ref.matches("(oci-archive|docker-archive|docker-daemon):.*")) {
            return null;
        }
        return new RegistrySignatureStore(RegistryClient.open(Reference.parse(ref), options));
    }

    private static int copyLayers(SignatureStore from, SignatureStore to, MergedWrites writes, String tag) {
        List<CosignLayer> layers = new CosignAttacher(from).layers(tag);
        CosignAttacher destination = new CosignAttacher(to, writes);
        int added = 0;
        for (CosignLayer layer : layers) {
            added += destination.append(tag, layer) ? 1 : 0;
        }
        return added == 0 ? 0 : 1;
    }

    private static int copyReferrers(SignatureStore from, SignatureStore to, MergedWrites writes, Digest subject) {
        String indexTag = Referrers.fallbackTag(subject);
        byte[] index = from.manifest(indexTag).orElse(null);
        if (index == null) {
            return 0;
        }
        ObjectNode held = to.manifest(indexTag).map(raw -> read(raw, indexTag)).orElse(null);
        int copied = 0;
        for (JsonNode entry : read(index, indexTag).path("manifests")) {
            String digest = entry.path("digest").asText();
            if (held != null && contains(held, digest)) {
                continue;
            }
            byte[] manifest = from.manifest(digest)
                    .orElseThrow(() ->
                            GateException.input(indexTag + " lists " + digest + ", which the source does not hold"));
            to.put(digest, manifest, blobsOf(from, manifest, digest));
            Descriptor referrer =
                    Descriptor.of(entry.path("mediaType").asText(), Digest.parse(digest), manifest.length);
            String artifactType =
                    entry.hasNonNull("artifactType") ? entry.get("artifactType").asText() : null;
            writes.add(new FallbackEntry(
                    to::manifest,
                    (tag, bytes, read) -> to.putIf(tag, bytes, Map.of(), read),
                    indexTag,
                    referrer,
                    artifactType,
                    indexTag));
            copied++;
        }
        return copied;
    }

    /** The config and layers a manifest names, each checked against its digest. */
    private static Map<Digest, byte[]> blobsOf(SignatureStore from, byte[] manifest, String where) {
        JsonNode node = read(manifest, where);
        List<JsonNode> descriptors = new ArrayList<>();
        descriptors.add(node.path("config"));
        node.path("layers").forEach(descriptors::add);
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        for (JsonNode d : descriptors) {
            if (d.isMissingNode()) {
                continue;
            }
            Digest digest = Digest.parse(d.path("digest").asText());
            byte[] content = from.blob(digest, d.path("size").asLong());
            if (!Digest.sha256(content).equals(digest)) {
                throw GateException.input(where + ": blob " + digest + " does not match its digest");
            }
            blobs.put(digest, content);
        }
        return blobs;
    }

    private static boolean contains(ObjectNode index, String digest) {
        for (JsonNode e : index.path("manifests")) {
            if (digest.equals(e.path("digest").asText())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode read(byte[] raw, String where) {
        try {
            if (JSON.readTree(raw) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // reported below
        }
        throw GateException.input(where + ": not a JSON manifest");
    }
}
