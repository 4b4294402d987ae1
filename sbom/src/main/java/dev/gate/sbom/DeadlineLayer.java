package dev.gate.sbom;

import dev.gate.image.Descriptor;
import dev.gate.image.Layer;
import dev.gate.sbom.catalog.CatalogDeadline;
import java.io.IOException;
import java.io.InputStream;

/**
 * A layer whose streams ask the catalog deadline on every read, so that squashing a layer (decompressing,
 * walking the tar) is bounded in time too, not only the catalogers that run after it.
 */
final class DeadlineLayer implements Layer {

    private final Layer layer;
    private final CatalogDeadline deadline;

    private DeadlineLayer(Layer layer, CatalogDeadline deadline) {
        this.layer = layer;
        this.deadline = deadline;
    }

    static Layer of(Layer layer, CatalogDeadline deadline) {
        return new DeadlineLayer(layer, deadline);
    }

    @Override
    public Descriptor descriptor() {
        return layer.descriptor();
    }

    @Override
    public InputStream open() throws IOException {
        return deadline.guard(layer.open());
    }

    @Override
    public InputStream openUncompressed() throws IOException {
        return deadline.guard(layer.openUncompressed());
    }
}
