package dev.gate.pipeline.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.SafeText;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;

/**
 * A VEX document kept in a registry ({@code --vex oci://registry/repository[:tag|@digest]}): an OCI artifact whose one
 * layer is the document, as {@code oras push REF doc.json:application/vnd.openvex+json} stores it. The user names it as
 * they name a file, so it is trusted as a file is; a tag is resolved once and recorded by digest, so the decision names
 * the exact document it used.
 */
final class VexArtifacts {

    static final String SCHEME = "oci://";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document's bytes and the artifact by digest ({@code registry/repository@sha256:...}). */
    record Fetched(String pinned, byte[] bytes) {}

    private VexArtifacts() {}

    static boolean isReference(String source) {
        return source.startsWith(SCHEME);
    }

    static Fetched fetch(String source, RegistryOptions options) {
        String where = "--vex " + SafeText.of(source);
        Reference reference = Reference.parse(source.substring(SCHEME.length()));
        RegistryClient client = RegistryClient.open(reference, options);
        String named = reference.digest() != null ? reference.digest().toString() : reference.tag();
        RegistryClient.Manifest manifest = client.getManifest(named)
                .orElseThrow(() -> GateException.input(where + ": no such artifact in the registry"));
        Descriptor layer = layer(json(manifest.raw(), where + ": manifest"), where);
        byte[] bytes;
        try (InputStream in = client.openBlob(layer)) {
            bytes = in.readNBytes((int) VexStatements.MAX_FILE + 1);
        } catch (IOException e) {
            throw GateException.operational(where + ": cannot read the document: " + e.getMessage(), e);
        }
        if (bytes.length != layer.size() || !Digest.sha256(bytes).equals(layer.digest())) {
            throw GateException.input(where + ": the document does not match its digest " + layer.digest());
        }
        return new Fetched(
                reference.registry() + "/" + reference.repository() + "@"
                        + manifest.descriptor().digest(),
                bytes);
    }

    private static JsonNode json(byte[] raw, String where) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            throw GateException.input(where + ": not JSON");
        }
    }

    /** The artifact's one layer, bounded as a --vex file is; an image or a many-file artifact is refused. */
    private static Descriptor layer(JsonNode manifest, String where) {
        JsonNode layers = manifest.path("layers");
        if (layers.size() != 1) {
            throw GateException.input(
                    where + ": a VEX artifact has exactly one layer, the document (found " + layers.size() + ")");
        }
        long size = layers.get(0).path("size").asLong(-1);
        if (size < 0 || size > VexStatements.MAX_FILE) {
            throw GateException.input(
                    where + ": document of " + size + " bytes (at most " + VexStatements.MAX_FILE + ")");
        }
        Digest digest = Digest.parse(layers.get(0).path("digest").asText());
        return Descriptor.of(layers.get(0).path("mediaType").asText(), digest, size);
    }
}
