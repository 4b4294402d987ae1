package dev.gate.image.fs;

import dev.gate.errors.GateException;
import dev.gate.image.Compression;
import dev.gate.image.Layer;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.VerifyingInputStream.BlobMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies an image's layers in order in one pass over their tar streams: OCI whiteouts remove
 * lower entries, opaque markers empty lower directories, and the bytes of files the capture asks
 * for are kept within the limits. Nothing is written to disk.
 */
public final class Squasher {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /** Layers read at once, at most: each holds a decompressor and the file it is capturing. */
    static final int READERS = 4;

    private final ContentCapture capture;
    private final SquashLimits limits;

    private final int readers;

    public Squasher(ContentCapture capture, SquashLimits limits) {
        this(capture, limits, Math.min(READERS, Runtime.getRuntime().availableProcessors()));
    }

    Squasher(ContentCapture capture, SquashLimits limits, int readers) {
        this.capture = capture;
        this.limits = limits;
        this.readers = readers;
    }

    /**
     * Reads every layer to its end, so that its digest is checked before anything learned from it counts: a layer
     * that does not match its descriptor stops the squash ({@link GateException}, bad input), and so does an image
     * larger than the uncompressed budget, since a filesystem of part of an image would hide what the rest holds.
     * Layers are read side by side (each on its own thread, at most {@link #READERS} and one per core at once: on an image of a
     * system layer and an application layer, the second core catalogs one while the first reads the other) and
     * applied in their order, so the result and the first failure reported are those of reading them one by one.
     */
    public SquashedFilesystem squash(List<? extends Layer> layers) throws IOException {
        LimitedInputStream.Budget budget = new LimitedInputStream.Budget(limits.maxUncompressedBytes());
        AtomicLong captured = new AtomicLong();
        List<LayerPass> passes = new ArrayList<>();
        for (Layer layer : layers) {
            passes.add(new LayerPass(layer, captured));
        }
        readAll(passes, budget);
        TreeMap<String, FileEntry> tree = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>();
        for (LayerPass pass : passes) {
            pass.applyTo(tree);
            skipped.addAll(pass.skipped);
        }
        return new SquashedFilesystem(tree, skipped, limits.maxSymlinkHops());
    }

    private void readAll(List<LayerPass> passes, LimitedInputStream.Budget budget) throws IOException {
        int threads = Math.min(passes.size(), readers);
        if (threads <= 1) {
            for (LayerPass pass : passes) {
                pass.readVerified(budget);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "layer-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> reads = new ArrayList<>();
            for (LayerPass pass : passes) {
                reads.add(pool.submit(() -> {
                    pass.readVerified(budget);
                    return null;
                }));
            }
            for (Future<Void> read : reads) {
                awaitInOrder(read);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for one layer; its failure is thrown as reading it alone would have thrown it. */
    private static void awaitInOrder(Future<Void> read) throws IOException {
        try {
            read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the layers");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        }
    }

    /** A tar that cannot be parsed is an unknown; one whose bytes do not match their digest is not read further. */
    private void readTar(LayerPass pass, InputStream stored, LimitedInputStream.Budget budget) throws IOException {
        try (InputStream tar = new LimitedInputStream(Compression.decompressed(new KeptOpen(stored)), budget)) {
            pass.read(tar);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw GateException.input("layer " + pass.digest + " takes the image over " + limits.maxUncompressedBytes()
                    + " uncompressed bytes; the rest of the image would go unread, so it is not cataloged");
        } catch (IOException e) {
            if (mismatchIn(e) != null) {
                throw e;
            }
            pass.skipped.add(
                    new Skipped(pass.digest, "/", "layer tar unreadable, rest of layer skipped: " + e.getMessage()));
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

    /** Lets the decompressor close without closing the stored stream, which is still read to its end. */
    private static final class KeptOpen extends FilterInputStream {
        KeptOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }

    /** One layer's changes, collected first so its whiteouts only hide lower layers. */
    private final class LayerPass {
        private final Layer layer;
        private final String digest;
        private final AtomicLong captured;
        private final List<Skipped> skipped = new ArrayList<>();
        private final List<String> whiteouts = new ArrayList<>();
        private final List<String> opaqueDirs = new ArrayList<>();
        private final List<FileEntry> added = new ArrayList<>();

        LayerPass(Layer layer, AtomicLong captured) {
            this.layer = layer;
            this.digest = layer.descriptor().digest().toString();
            this.captured = captured;
        }

        /** Reads the layer to the end of its stored bytes, so that its digest is checked. */
        void readVerified(LimitedInputStream.Budget budget) throws IOException {
            try (InputStream stored = verified(layer)) {
                readTar(this, stored, budget);
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

        void read(InputStream tar) throws IOException {
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
            return new FileEntry(
                    path, FileEntry.Type.FILE, h.getSize(), mode, null, digest, captureIfWanted(h, path, in));
        }

        private byte[] captureIfWanted(TarArchiveEntry h, String path, InputStream in) throws IOException {
            ContentCapture.Keeper keeper = capture.keeperOf(path, h.getSize(), h.getMode());
            if (keeper == null) {
                return null;
            }
            if (h.getSize() > limits.maxFileBytes()) {
                skipped.add(
                        new Skipped(digest, path, "not read: " + h.getSize() + " bytes is over the per-file limit"));
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

        void applyTo(TreeMap<String, FileEntry> tree) {
            for (String dir : opaqueDirs) {
                removeChildren(tree, dir);
            }
            for (String path : whiteouts) {
                tree.remove(path);
                removeChildren(tree, path);
            }
            for (FileEntry entry : added) {
                FileEntry lower = tree.get(entry.path());
                if (lower != null && lower.type() == FileEntry.Type.DIR && entry.type() != FileEntry.Type.DIR) {
                    removeChildren(tree, entry.path());
                }
                tree.put(entry.path(), hardLinked(tree, entry));
            }
        }

        /** A hard link shares its target's captured bytes, so a capture on either name finds them. */
        private FileEntry hardLinked(TreeMap<String, FileEntry> tree, FileEntry entry) {
            if (entry.type() != FileEntry.Type.HARDLINK) {
                return entry;
            }
            FileEntry target = tree.get(entry.linkTarget());
            return target == null || target.content() == null ? entry : entry.withContent(target.content());
        }

        private void removeChildren(TreeMap<String, FileEntry> tree, String dir) {
            String prefix = dir.equals("/") ? "/" : dir + "/";
            tree.subMap(prefix, true, prefix + Character.MAX_VALUE, false).clear();
        }
    }
}
