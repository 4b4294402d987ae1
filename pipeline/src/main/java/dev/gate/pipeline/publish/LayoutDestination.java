package dev.gate.pipeline.publish;

import dev.gate.image.Artifact;
import dev.gate.image.layout.LayoutSink;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import dev.gate.pipeline.input.ImageName;
import dev.gate.signing.oci.LayoutSignatureStore;
import dev.gate.signing.oci.SignatureStore;
import java.nio.file.Path;

/**
 * An OCI image layout. Signatures and attestations are kept the way cosign keeps them in a
 * registry: manifests tagged {@code sha256-<hex>.sig} / {@code .att} in the same layout.
 */
final class LayoutDestination implements Destination {

    private final String location;
    private final Path dir;
    private final String tag;
    private final ImageName publishedAs;

    /** {@code publishedAs} null: the image is named after the layout's directory. */
    LayoutDestination(String location, Path dir, String tag, ImageName publishedAs) {
        this.location = location;
        this.dir = dir;
        this.tag = tag;
        this.publishedAs = publishedAs;
    }

    @Override
    public String describe() {
        return location;
    }

    @Override
    public ImageName name() {
        if (publishedAs != null) {
            return publishedAs;
        }
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        return ImageName.ofLayout(location, fileName == null ? "image" : fileName.toString(), tag);
    }

    @Override
    public PushReport pushByDigest(Artifact artifact, PushListener listener) {
        return new LayoutSink(dir, null).write(artifact, listener);
    }

    @Override
    public SignatureStore signatures() {
        return new LayoutSignatureStore(dir);
    }

    @Override
    public void tag(Artifact artifact) {
        if (tag != null) {
            new LayoutSignatureStore(dir).tag(tag, artifact.descriptor());
        }
    }
}
