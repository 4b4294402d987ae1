package dev.gate.image.layout;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.Layer;
import dev.gate.image.MediaTypes;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.transport.ImageSink;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushListener.Outcome;
import dev.gate.image.transport.PushReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code oci:DIR[:TAG]} through the layout's {@link LayoutWriter}: blobs first, each checked against its
 * digest; blobs already present are skipped; index.json, which names the tag, last.
 */
public final class LayoutSink implements ImageSink {

    private final OciLayout layout;
    private final LayoutWriter writer;
    private final String tag;

    public LayoutSink(Path dir, String tag) {
        this.layout = new OciLayout(dir);
        this.writer = new LayoutWriter(layout);
        this.tag = tag;
    }

    @Override
    public PushReport write(Artifact artifact, PushListener listener) {
        List<PushReport.BlobResult> results = new ArrayList<>();
        try {
            if (artifact instanceof Artifact.Single single) {
                writeImage(single.image(), listener, results);
            } else {
                writeIndex(((Artifact.Multi) artifact).index(), listener, results);
            }
            writer.name(artifact.descriptor(), tag);
        } catch (VerifyingInputStream.BlobMismatchException e) {
            throw GateException.input(e.getMessage());
        } catch (IOException e) {
            throw GateException.operational("cannot write " + describe() + ": " + e.getMessage(), e);
        }
        listener.manifestWritten(
                artifact.descriptor(),
                tag == null ? artifact.descriptor().digest().toString() : tag);
        return new PushReport(describe(), artifact.descriptor(), results);
    }

    private void writeImage(Image image, PushListener listener, List<PushReport.BlobResult> results)
            throws IOException {
        writeBlob(image.config(), listener, results);
        for (Layer layer : image.layers()) {
            writeBlob(layer, listener, results);
        }
        writeBytes(image.descriptor(), image.rawManifest());
    }

    private void writeIndex(ImageIndex index, PushListener listener, List<PushReport.BlobResult> results)
            throws IOException {
        for (Descriptor child : index.manifests()) {
            if (MediaTypes.isIndex(child.mediaType())) {
                writeIndex(index.index(child.digest()), listener, results);
            } else if (MediaTypes.isManifest(child.mediaType())) {
                writeImage(index.image(child.digest()), listener, results);
            } else {
                throw GateException.input("index " + index.descriptor().digest() + " entry " + child.digest()
                        + " has media type " + child.mediaType() + ", which gate cannot copy");
            }
        }
        writeBytes(index.descriptor(), index.rawIndex());
    }

    private void writeBlob(Blob blob, PushListener listener, List<PushReport.BlobResult> results) throws IOException {
        Descriptor descriptor = blob.descriptor();
        if (writer.has(descriptor)) {
            listener.blobFinished(descriptor, Outcome.SKIPPED_EXISTING);
            results.add(new PushReport.BlobResult(descriptor, Outcome.SKIPPED_EXISTING));
            return;
        }
        listener.blobStarted(descriptor);
        writer.blob(descriptor, blob.open());
        listener.blobFinished(descriptor, Outcome.UPLOADED);
        results.add(new PushReport.BlobResult(descriptor, Outcome.UPLOADED));
    }

    private void writeBytes(Descriptor descriptor, byte[] content) throws IOException {
        writer.blob(descriptor, content);
    }

    @Override
    public String describe() {
        return "oci:" + layout.root() + (tag == null ? "" : ":" + tag);
    }
}
