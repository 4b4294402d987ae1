package dev.gate.image.store;

import dev.gate.image.Blob;
import dev.gate.image.Compression;
import dev.gate.image.Descriptor;
import dev.gate.image.FileRegion;
import dev.gate.image.Layer;
import dev.gate.image.registry.RegistryOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A config or layer read through the store; pushed from the store's verified copy. */
class HeldLayer implements Layer {

    private final Blob blob;
    private final VerifiedStore store;

    HeldLayer(Blob blob, VerifiedStore store) {
        this.blob = blob;
        this.store = store;
    }

    /** Keeps a blob's registry origin, so a push to the same registry can still mount it instead of sending it. */
    static HeldLayer of(Blob blob, VerifiedStore store) {
        return blob instanceof RegistryOrigin origin
                ? new FromRegistry(blob, store, origin)
                : new HeldLayer(blob, store);
    }

    @Override
    public Descriptor descriptor() {
        return blob.descriptor();
    }

    @Override
    public InputStream open() throws IOException {
        return store.open(blob);
    }

    @Override
    public InputStream openUncompressed() throws IOException {
        return Compression.decompressed(open());
    }

    @Override
    public Optional<FileRegion> storedRegion() {
        try {
            return Optional.of(
                    new FileRegion(store.copyOf(blob), 0, blob.descriptor().size()));
        } catch (IOException e) {
            throw VerifiedStore.failed(blob, e);
        }
    }

    private static final class FromRegistry extends HeldLayer implements RegistryOrigin {
        private final RegistryOrigin origin;

        FromRegistry(Blob blob, VerifiedStore store, RegistryOrigin origin) {
            super(blob, store);
            this.origin = origin;
        }

        @Override
        public String originRegistry() {
            return origin.originRegistry();
        }

        @Override
        public String originRepository() {
            return origin.originRepository();
        }
    }
}
