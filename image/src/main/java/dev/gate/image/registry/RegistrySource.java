package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Compression;
import dev.gate.image.Descriptor;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.Layer;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.oci.StoredImage;
import dev.gate.image.oci.StoredIndex;
import dev.gate.image.transport.ImageSource;
import java.io.IOException;
import java.io.InputStream;

/** Reads an image or index from a registry; blobs are fetched lazily and verified as they stream. */
public final class RegistrySource implements ImageSource {

    private final Reference reference;
    private final RegistryClient client;

    private RegistrySource(Reference reference, RegistryClient client) {
        this.reference = reference;
        this.client = client;
    }

    public static RegistrySource open(Reference reference, RegistryOptions options) {
        return over(RegistryClient.open(reference, options), reference);
    }

    /** Reads {@code reference} through a client already open on its repository (its token and connections). */
    public static RegistrySource over(RegistryClient client, Reference reference) {
        return new RegistrySource(reference, client);
    }

    @Override
    public Artifact resolve() {
        RegistryClient.Manifest root = fetch(reference.identifier());
        return MediaTypes.isIndex(root.descriptor().mediaType()) ? Artifact.of(index(root)) : Artifact.of(image(root));
    }

    private RegistryClient.Manifest fetch(String identifier) {
        return client.getManifest(identifier)
                .orElseThrow(() -> GateException.input("image " + reference.name()
                        + (identifier.contains(":") ? "@" : ":") + identifier + " not found in the registry"));
    }

    private Image image(RegistryClient.Manifest fetched) {
        return StoredImage.parse(
                fetched.descriptor(),
                fetched.raw(),
                reference.name() + " manifest " + fetched.descriptor().digest(),
                blob -> new RemoteBlob(client, blob));
    }

    private ImageIndex index(RegistryClient.Manifest fetched) {
        return StoredIndex.parse(
                fetched.descriptor(),
                fetched.raw(),
                reference.name() + " index " + fetched.descriptor().digest(),
                entry -> image(fetch(entry.digest().toString())),
                entry -> index(fetch(entry.digest().toString())));
    }

    /** The repository's client, for callers that also read signatures and referrers. */
    public RegistryClient client() {
        return client;
    }

    @Override
    public boolean rereadsAlike() {
        return false;
    }

    @Override
    public String describe() {
        return "docker://" + reference;
    }

    @Override
    public void close() {}

    /** A config or layer in the registry, fetched on open; a layer is also readable uncompressed. */
    private record RemoteBlob(RegistryClient client, Descriptor descriptor) implements Layer, RegistryOrigin {
        @Override
        public InputStream open() {
            return client.openBlob(descriptor);
        }

        @Override
        public String originRegistry() {
            return client.registry();
        }

        @Override
        public String originRepository() {
            return client.repository();
        }

        @Override
        public InputStream openUncompressed() throws IOException {
            return Compression.decompressed(open());
        }
    }
}
