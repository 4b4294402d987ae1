package dev.gate.image.fs;

import dev.gate.errors.GateException;
import dev.gate.image.Compression;
import dev.gate.image.Layer;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.VerifyingInputStream.BlobMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One layer's changes to the layers below it, read from its tar in one pass: the entries it adds (with the bytes the
 * capture asks for, within the limits), the paths its whiteouts remove, the directories its opaque markers empty, and
 * what could not be read. They are collected apart from the filesystem so that layers can be read side by side and
 * still be applied in their order, each layer's whiteouts hiding only the layers below it.
 */
final class LayerChanges {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final Layer layer;
    private final String digest;
    private final ContentCapture capture;
    private final SquashLimits limits;
    private final AtomicLong captured;
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<String> whiteouts = new ArrayList<>();
    private final List<String> opaqueDirs = new ArrayList<>();
    private final List<FileEntry> added = new ArrayList<>();

    /** {@code captured}: the bytes captured so far from all layers, held against {@link SquashLimits#maxCapturedBytes}. */
    LayerChanges(Layer layer, ContentCapture capture, SquashLimits limits, AtomicLong captured) {
        this.layer = layer;
        this.digest = layer.descriptor().digest().toString();
        this.capture = capture;
        this.limits = limits;
        this.captured = captured;
    }

    List<Skipped> skipped() {
        return skipped;
    }

    List<String> whiteouts() {
        return whiteouts;
    }

    List<String> opaqueDirs() {
        return opaqueDirs;
    }

    List<FileEntry> added() {
        return added;
    }

    /**
     * Reads the layer to the end of its stored bytes, so that its digest is checked; {@code budget}, shared by all the
     * layers of the image, bounds the uncompressed bytes.
     */
    void readVerified(LimitedInputStream.Budget budget) throws IOException {
        try (InputStream stored = verified(layer)) {
            readTar(stored, budget);
            // The tar ends before its stored bytes do (end marker, padding, compression trailer): read on to the
            // end so that the digest is checked, without decompressing what no one reads.
            stored.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            BlobMismatchException mismatch = mismatchIn(e);
            if (mismatch != null) {
                throw GateException.input(
                        "the source changed or is corrupt: layer " + digest + " of " + mismatch.getMessage());
            }
            throw GateException.operational("reading layer " + digest + " failed: " + e.getMessage(), e);
        }
    }

    /** A tar that cannot be parsed is an unknown; one whose bytes do not match their digest is not read further. */
    private void readTar(InputStream stored, LimitedInputStream.Budget budget) throws IOException {
        try (InputStream tar = new LimitedInputStream(Compression.decompressed(new KeptOpen(stored)), budget)) {
            read(tar);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw GateException.input("layer " + digest + " takes the image over " + limits.maxUncompressedBytes()
                    + " uncompressed bytes; the rest of the image would go unread, so it is not cataloged");
        } catch (IOException e) {
            if (mismatchIn(e) != null) {
                throw e;
            }
            skipped.add(new Skipped(digest, "/", "layer tar unreadable, rest of layer skipped: " + e.getMessage()));
        }
    }

    /** The stored bytes, checked against the descriptor as they stream unless the source checks them already. */
    private static InputStream verified(Layer layer) throws IOException {
        return VerifyingInputStream.checked(layer.open(), layer.descriptor(), "the image");
    }

    private static BlobMismatchException mismatchIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BlobMismatchException mismatch) {
                return mismatch;
            }
        }
        return null;
    }

    private void read(InputStream tar) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveEntry header;
        while ((header = in.getNextEntry()) != null) {
            readEntry(header, in);
        }
    }

    private void readEntry(TarArchiveEntry header, TarArchiveInputStream in) throws IOException {
        String raw = header.getName();
        String path = TarPaths.normalize(raw);
        if (path == null) {
            skipped.add(new Skipped(digest, raw, "path climbs out of the image root"));
            return;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals(OPAQUE)) {
            opaqueDirs.add(TarPaths.parent(path));
            return;
        }
        if (name.startsWith(WHITEOUT)) {
            whiteouts.add(TarPaths.child(TarPaths.parent(path), name.substring(WHITEOUT.length())));
            return;
        }
        if (path.equals("/")) {
            return;
        }
        added.add(toEntry(header, path, in));
    }

    private FileEntry toEntry(TarArchiveEntry h, String path, TarArchiveInputStream in) throws IOException {
        int mode = h.getMode() & 07777;
        if (h.isSymbolicLink()) {
            return new FileEntry(path, FileEntry.Type.SYMLINK, 0, mode, h.getLinkName(), digest, null);
        }
        if (h.isLink()) {
            String target = TarPaths.normalize(h.getLinkName());
            if (target == null) {
                skipped.add(new Skipped(digest, path, "hard link target climbs out of the image root"));
                target = "/";
            }
            return new FileEntry(path, FileEntry.Type.HARDLINK, 0, mode, target, digest, null);
        }
        if (h.isDirectory()) {
            return new FileEntry(path, FileEntry.Type.DIR, 0, mode, null, digest, null);
        }
        if (!h.isFile()) {
            return new FileEntry(path, FileEntry.Type.OTHER, 0, mode, null, digest, null);
        }
        return new FileEntry(path, FileEntry.Type.FILE, h.getSize(), mode, null, digest, captureIfWanted(h, path, in));
    }

    private byte[] captureIfWanted(TarArchiveEntry h, String path, InputStream in) throws IOException {
        ContentCapture.Keeper keeper = capture.keeperOf(path, h.getSize(), h.getMode());
        if (keeper == null) {
            return null;
        }
        if (h.getSize() > limits.maxFileBytes()) {
            skipped.add(new Skipped(digest, path, "not read: " + h.getSize() + " bytes is over the per-file limit"));
            return null;
        }
        if (captured.get() >= limits.maxCapturedBytes()) {
            skipped.add(new Skipped(digest, path, "not read: captured-content budget spent"));
            return null;
        }
        // The tar stream ends the entry at its declared size; the limit guards the budget as well.
        InputStream bounded = new BoundedInputStream(in, limits.maxFileBytes());
        byte[] kept = keeper.keep(bounded);
        if (kept != null) {
            captured.addAndGet(kept.length);
        }
        return kept;
    }

    /** Lets the decompressor close without closing the stored stream, which is still read to its end. */
    private static final class KeptOpen extends FilterInputStream {
        KeptOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
