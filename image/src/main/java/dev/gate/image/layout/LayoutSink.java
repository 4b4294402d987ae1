package dev.gate.image.layout;

import dev.gate.image.Artifact;
import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.GateException;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.Layer;
import dev.gate.image.MediaTypes;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.oci.Json;
import dev.gate.image.oci.OciIndex;
import dev.gate.image.transport.ImageSink;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushListener.Outcome;
import dev.gate.image.transport.PushReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code oci:DIR[:TAG]}. Blobs are written to a temporary file and renamed into place only
 * once their digest checks out, so an interrupted write never leaves a corrupt blob; blobs already
 * present are skipped; index.json, which names the tag, is replaced last.
 */
public final class LayoutSink implements ImageSink {

    private final OciLayout layout;
    private final String tag;

    public LayoutSink(Path dir, String tag) {
        this.layout = new OciLayout(dir);
        this.tag = tag;
    }

    @Override
    public PushReport write(Artifact artifact, PushListener listener) {
        List<PushReport.BlobResult> results = new ArrayList<>();
        try {
            prepare();
            if (artifact instanceof Artifact.Single single) {
                writeImage(single.image(), listener, results);
            } else {
                writeIndex(((Artifact.Multi) artifact).index(), listener, results);
            }
            writeIndexJson(artifact.descriptor());
        } catch (VerifyingInputStream.BlobMismatchException e) {
            throw GateException.input(e.getMessage());
        } catch (IOException e) {
            throw GateException.operational("cannot write " + describe() + ": " + e.getMessage(), e);
        }
        listener.manifestWritten(artifact.descriptor(), tag == null ? artifact.descriptor().digest().toString() : tag);
        return new PushReport(describe(), artifact.descriptor(), results);
    }

    private void prepare() throws IOException {
        Files.createDirectories(layout.root().resolve("blobs"));
        Path marker = layout.root().resolve(OciLayout.LAYOUT_FILE);
        if (!Files.exists(marker)) {
            writeAtomically(marker, new ByteArrayInputStream(OciLayout.LAYOUT_CONTENT.getBytes()));
        }
    }

    private void writeImage(Image image, PushListener listener, List<PushReport.BlobResult> results) throws IOException {
        writeBlob(image.config(), listener, results);
        for (Layer layer : image.layers()) {
            writeBlob(layer, listener, results);
        }
        writeBytes(image.descriptor(), image.rawManifest());
    }

    private void writeIndex(ImageIndex index, PushListener listener, List<PushReport.BlobResult> results) throws IOException {
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
        if (present(descriptor)) {
            listener.blobFinished(descriptor, Outcome.SKIPPED_EXISTING);
            results.add(new PushReport.BlobResult(descriptor, Outcome.SKIPPED_EXISTING));
            return;
        }
        listener.blobStarted(descriptor);
        try (InputStream in = new VerifyingInputStream(blob.open(), descriptor, "source")) {
            writeAtomically(layout.blobPath(descriptor.digest()), in);
        }
        listener.blobFinished(descriptor, Outcome.UPLOADED);
        results.add(new PushReport.BlobResult(descriptor, Outcome.UPLOADED));
    }

    private void writeBytes(Descriptor descriptor, byte[] content) throws IOException {
        if (!present(descriptor)) {
            try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(content), descriptor, "source")) {
                writeAtomically(layout.blobPath(descriptor.digest()), in);
            }
        }
    }

    private boolean present(Descriptor descriptor) throws IOException {
        Path path = layout.blobPath(descriptor.digest());
        return Files.isRegularFile(path) && Files.size(path) == descriptor.size();
    }

    /**
     * Adds the entry to index.json, replacing an earlier entry with the same tag; under the layout's lock, so that
     * another process writing the same layout at once does not lose its entries to this write or this one to its.
     */
    private void writeIndexJson(Descriptor root) throws IOException {
        LayoutLock.holding(layout.root(), () -> {
            mergeIndexJson(root);
            return null;
        });
    }

    private void mergeIndexJson(Descriptor root) throws IOException {
        Path indexFile = layout.root().resolve("index.json");
        List<Descriptor> entries = new ArrayList<>();
        if (Files.exists(indexFile)) {
            for (Descriptor existing : layout.readIndex().manifests()) {
                boolean sameTag = tag != null && existing.annotations() != null
                        && tag.equals(existing.annotations().get(OciLayout.REF_NAME));
                boolean sameUntagged = tag == null && existing.digest().equals(root.digest());
                if (!sameTag && !sameUntagged) {
                    entries.add(existing);
                }
            }
        }
        entries.add(tag == null ? root : root.withAnnotations(Map.of(OciLayout.REF_NAME, tag)));
        OciIndex index = new OciIndex(2, MediaTypes.OCI_INDEX, null, entries, null, null);
        writeAtomically(indexFile, new ByteArrayInputStream(Json.write(index)));
    }

    private static void writeAtomically(Path target, InputStream content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".tmp-", "");
        try {
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String describe() {
        return "oci:" + layout.root() + (tag == null ? "" : ":" + tag);
    }
}
