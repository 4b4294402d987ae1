package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.oci.OciIndex;
import dev.gate.image.oci.OciManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * What a registry holds for one reference: the manifest or index (exact bytes), an image's config, an index's
 * platforms, and what hangs off the digest: cosign signatures ({@code sha256-HEX.sig}) and attestations
 * ({@code sha256-HEX.att}), and OCI referrers (the API, or the fallback tag). Listed as stored, nothing verified.
 */
public record ImageInspection(
        Reference reference,
        Descriptor descriptor,
        byte[] manifest,
        Optional<byte[]> config,
        List<Descriptor> platforms,
        List<Descriptor> signatures,
        List<Descriptor> attestations,
        List<Descriptor> referrers) {

    private static final int MAX_CONFIG = 8 << 20;

    public static ImageInspection of(RegistryClient client, Reference reference) {
        RegistryClient.Manifest root = client.getManifest(reference.identifier())
                .orElseThrow(() -> GateException.input(reference + ": not found in the registry"));
        Descriptor descriptor = root.descriptor();
        String where = reference.name() + " " + descriptor.digest();
        boolean index = MediaTypes.isIndex(descriptor.mediaType());
        Optional<byte[]> config = Optional.empty();
        List<Descriptor> platforms = List.of();
        if (index) {
            platforms = OciIndex.parse(root.raw(), where).manifests();
        } else if (MediaTypes.isManifest(descriptor.mediaType())) {
            config = Optional.of(
                    readConfig(client, OciManifest.parse(root.raw(), where).config(), where));
        }
        Digest digest = descriptor.digest();
        String cosignTag = Referrers.fallbackTag(digest);
        return new ImageInspection(
                reference,
                descriptor,
                root.raw(),
                config,
                platforms,
                layers(client, cosignTag + ".sig"),
                layers(client, cosignTag + ".att"),
                Referrers.index(client, digest, null)
                        .map(raw ->
                                OciIndex.parse(raw, "referrers of " + digest).manifests())
                        .orElse(List.of()));
    }

    /** The layers of the manifest under {@code tag}, each one signature or attestation; none when there is no such tag. */
    private static List<Descriptor> layers(RegistryClient client, String tag) {
        return client.getManifest(tag)
                .map(found -> OciManifest.parse(found.raw(), client.repository() + ":" + tag)
                        .layers())
                .orElse(List.of());
    }

    private static byte[] readConfig(RegistryClient client, Descriptor config, String where) {
        if (config.size() > MAX_CONFIG) {
            throw GateException.input(where + ": config of " + config.size() + " bytes, more than gate reads (8 MiB)");
        }
        try (InputStream in = client.openBlob(config)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw GateException.operational(
                    where + ": cannot read config " + config.digest() + ": " + e.getMessage(), e);
        }
    }
}
