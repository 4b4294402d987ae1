package dev.gate.signing.oci;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.merge.MergedWrites;
import dev.gate.image.registry.RegistryClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SignatureStore} on one registry repository, through gate's registry client. */
public final class RegistrySignatureStore implements SignatureStore {

    private final RegistryClient client;
    /** Blobs known to be in the repository: uploaded here, or found there. */
    private final Set<Digest> present = ConcurrentHashMap.newKeySet();

    public RegistrySignatureStore(RegistryClient client) {
        this.client = client;
    }

    @Override
    public Optional<byte[]> manifest(String tag) {
        return client.getManifest(tag).map(RegistryClient.Manifest::raw);
    }

    @Override
    public byte[] blob(Digest digest, long size) {
        try (InputStream in = client.openBlob(Descriptor.of(MediaTypes.OCI_LAYER, digest, size))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new GateException(
                    GateException.Kind.OPERATIONAL, "cannot read blob " + digest + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new GateException(
                    GateException.Kind.OPERATIONAL, "cannot read blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /** The referrers API when the registry has one, else the tag-schema fallback index. */
    @Override
    public Optional<byte[]> referrers(Digest subject) {
        return dev.gate.image.registry.Referrers.index(client, subject, null);
    }

    /** Pushes a referrer's blobs and manifest; the registry client keeps the fallback index when needed. */
    void publishReferrer(
            Descriptor referrer,
            byte[] manifest,
            Map<Digest, byte[]> blobs,
            String artifactType,
            Digest subject,
            MergedWrites writes) {
        uploadMissing(blobs);
        dev.gate.image.registry.Referrers.publish(client, referrer, manifest, artifactType, subject, writes);
    }

    @Override
    public void put(String tag, byte[] manifest, Map<Digest, byte[]> blobs) {
        uploadMissing(blobs);
        // The referrers fallback tag holds an index; everything else here is an image manifest.
        client.putManifest(
                tag, Descriptor.of(topLevelMediaType(manifest), Digest.sha256(manifest), manifest.length), manifest);
    }

    @Override
    public void putBlobs(Map<Digest, byte[]> blobs) {
        uploadMissing(blobs);
    }

    /** Sent as a conditional request (If-Match / If-None-Match), which registries that support it check. */
    @Override
    public void putIf(String tag, byte[] manifest, Map<Digest, byte[]> blobs, Optional<byte[]> read) {
        uploadMissing(blobs);
        client.putManifestIf(
                tag,
                Descriptor.of(topLevelMediaType(manifest), Digest.sha256(manifest), manifest.length),
                manifest,
                read);
    }

    private void uploadMissing(Map<Digest, byte[]> blobs) {
        blobs.forEach((digest, content) -> {
            if (!present.contains(digest) && !client.hasBlob(digest)) {
                client.uploadBlob(
                        Descriptor.of(MediaTypes.OCI_LAYER, digest, content.length),
                        () -> new ByteArrayInputStream(content));
            }
            present.add(digest);
        });
    }

    private static String topLevelMediaType(byte[] manifest) {
        try {
            String type = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(manifest)
                    .path("mediaType")
                    .asText();
            return MediaTypes.OCI_INDEX.equals(type) ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        } catch (IOException e) {
            return MediaTypes.OCI_MANIFEST;
        }
    }
}
