package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.transport.ImageSink;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushListener.Outcome;
import dev.gate.image.transport.PushReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Pushes an image or index to a registry in the order that keeps a tag honest: every blob (a
 * bounded number at once, each digest once, HEAD before upload), then manifests by digest,
 * children before their index, and the tag last.
 */
public final class RegistrySink implements ImageSink {

    private final Reference destination;
    private final RegistryOptions options;
    private final CompletableFuture<RegistryClient> client;

    /**
     * Starts opening the registry at once: reading credentials, building the HTTP client and the first
     * round trip cost a cold JVM a few hundred milliseconds, which overlap with reading the source.
     */
    public RegistrySink(Reference destination, RegistryOptions options) {
        this.destination = destination;
        this.options = options;
        this.client = CompletableFuture.supplyAsync(() -> {
            RegistryClient opened = RegistryClient.open(destination, options);
            opened.ping();
            return opened;
        });
    }

    @Override
    public PushReport write(Artifact artifact, PushListener listener) {
        RegistryClient client = openedClient();
        Map<Digest, Blob> blobs = new LinkedHashMap<>();
        List<Runnable> manifests = new ArrayList<>();
        collect(artifact, client, blobs, manifests);
        List<PushReport.BlobResult> results = uploadAll(client, blobs.values(), listener);
        manifests.forEach(Runnable::run);
        if (destination.tag() != null && destination.digest() == null) {
            client.putManifest(destination.tag(), artifact.descriptor(), artifact.raw());
        }
        listener.manifestWritten(
                artifact.descriptor(),
                destination.tag() == null ? artifact.descriptor().digest().toString() : destination.tag());
        return new PushReport(describe(), artifact.descriptor(), results);
    }

    private RegistryClient openedClient() {
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Gathers distinct blobs and the manifest writes, children first, the root last. */
    private static void collect(
            Artifact artifact, RegistryClient client, Map<Digest, Blob> blobs, List<Runnable> manifests) {
        if (artifact instanceof Artifact.Single single) {
            collectImage(single.image(), client, blobs, manifests);
        } else {
            collectIndex(((Artifact.Multi) artifact).index(), client, blobs, manifests);
        }
    }

    private static void collectImage(
            Image image, RegistryClient client, Map<Digest, Blob> blobs, List<Runnable> manifests) {
        blobs.putIfAbsent(image.config().descriptor().digest(), image.config());
        image.layers().forEach(layer -> blobs.putIfAbsent(layer.descriptor().digest(), layer));
        byte[] raw = image.rawManifest();
        manifests.add(() -> client.putManifest(image.descriptor().digest().toString(), image.descriptor(), raw));
    }

    private static void collectIndex(
            ImageIndex index, RegistryClient client, Map<Digest, Blob> blobs, List<Runnable> manifests) {
        for (Descriptor child : index.manifests()) {
            if (MediaTypes.isIndex(child.mediaType())) {
                collectIndex(index.index(child.digest()), client, blobs, manifests);
            } else if (MediaTypes.isManifest(child.mediaType())) {
                collectImage(index.image(child.digest()), client, blobs, manifests);
            } else {
                throw GateException.input("index " + index.descriptor().digest() + " entry " + child.digest()
                        + " has media type " + child.mediaType() + ", which gate cannot push");
            }
        }
        byte[] raw = index.rawIndex();
        manifests.add(() -> client.putManifest(index.descriptor().digest().toString(), index.descriptor(), raw));
    }

    private List<PushReport.BlobResult> uploadAll(RegistryClient client, Iterable<Blob> blobs, PushListener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), runnable -> {
            Thread thread = new Thread(runnable, "gate-upload");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<PushReport.BlobResult>> futures = new ArrayList<>();
            for (Blob blob : blobs) {
                futures.add(pool.submit(() -> upload(client, blob, listener)));
            }
            List<PushReport.BlobResult> results = new ArrayList<>();
            for (Future<PushReport.BlobResult> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static PushReport.BlobResult upload(RegistryClient client, Blob blob, PushListener listener) {
        Descriptor descriptor = blob.descriptor();
        if (client.hasBlob(descriptor.digest())) {
            return finished(listener, descriptor, Outcome.SKIPPED_EXISTING);
        }
        if (blob instanceof RegistryOrigin origin
                && origin.originRegistry().equals(client.registry())
                && !origin.originRepository().equals(client.repository())
                && client.mountBlob(descriptor.digest(), origin.originRepository())) {
            return finished(listener, descriptor, Outcome.MOUNTED);
        }
        listener.blobStarted(descriptor);
        LongConsumer progress = done -> listener.blobProgress(descriptor, done);
        Optional<FileRegion> stored = blob.storedRegion();
        if (stored.isPresent()) {
            client.uploadBlob(descriptor, stored.get(), progress);
        } else {
            client.uploadBlob(descriptor, () -> open(blob), progress);
        }
        return finished(listener, descriptor, Outcome.UPLOADED);
    }

    private static PushReport.BlobResult finished(PushListener listener, Descriptor descriptor, Outcome outcome) {
        listener.blobFinished(descriptor, outcome);
        return new PushReport.BlobResult(descriptor, outcome);
    }

    private static InputStream open(Blob blob) {
        try {
            return blob.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PushReport.BlobResult await(Future<PushReport.BlobResult> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GateException gate) {
                throw gate;
            }
            if (cause instanceof UncheckedIOException io) {
                throw GateException.input(
                        "cannot read the source: " + io.getCause().getMessage());
            }
            throw GateException.operational("upload failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted during upload", e);
        }
    }

    @Override
    public String describe() {
        return "docker://" + destination;
    }
}
