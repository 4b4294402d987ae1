package dev.gate.image.fs;

import dev.gate.errors.GateException;
import dev.gate.image.Layer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies an image's layers in order in one pass over their tar streams: OCI whiteouts remove
 * lower entries, opaque markers empty lower directories, and the bytes of files the capture asks
 * for are kept within the limits. Nothing is written to disk. Each layer is read into its
 * {@link LayerChanges}; this class decides when the layers are read and in which order their
 * changes count.
 */
public final class Squasher {

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
        List<LayerChanges> changes = new ArrayList<>();
        for (Layer layer : layers) {
            changes.add(new LayerChanges(layer, capture, limits, captured));
        }
        readAll(changes, budget);
        TreeMap<String, FileEntry> tree = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>();
        for (LayerChanges layer : changes) {
            apply(layer, tree);
            skipped.addAll(layer.skipped());
        }
        return new SquashedFilesystem(tree, skipped, limits.maxSymlinkHops());
    }

    private void readAll(List<LayerChanges> changes, LimitedInputStream.Budget budget) throws IOException {
        int threads = Math.min(changes.size(), readers);
        if (threads <= 1) {
            for (LayerChanges layer : changes) {
                layer.readVerified(budget);
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
            for (LayerChanges layer : changes) {
                reads.add(pool.submit(() -> {
                    layer.readVerified(budget);
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

    /** One layer's changes on top of the tree the layers below it left. */
    private static void apply(LayerChanges layer, TreeMap<String, FileEntry> tree) {
        for (String dir : layer.opaqueDirs()) {
            removeChildren(tree, dir);
        }
        for (String path : layer.whiteouts()) {
            tree.remove(path);
            removeChildren(tree, path);
        }
        for (FileEntry entry : layer.added()) {
            FileEntry lower = tree.get(entry.path());
            if (lower != null && lower.type() == FileEntry.Type.DIR && entry.type() != FileEntry.Type.DIR) {
                removeChildren(tree, entry.path());
            }
            tree.put(entry.path(), hardLinked(tree, entry));
        }
    }

    /** A hard link shares its target's captured bytes, so a capture on either name finds them. */
    private static FileEntry hardLinked(TreeMap<String, FileEntry> tree, FileEntry entry) {
        if (entry.type() != FileEntry.Type.HARDLINK) {
            return entry;
        }
        FileEntry target = tree.get(entry.linkTarget());
        return target == null || target.content() == null ? entry : entry.withContent(target.content());
    }

    private static void removeChildren(TreeMap<String, FileEntry> tree, String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        tree.subMap(prefix, true, prefix + Character.MAX_VALUE, false).clear();
    }
}
