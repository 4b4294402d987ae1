package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.Reference;
import dev.gate.image.merge.TagMoved;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The registry calls gate makes, one method per endpoint of the distribution API, for one
 * repository. Everything pulled is checked against its digest; manifests keep their exact bytes.
 * Each family of endpoints has its own class ({@link ManifestEndpoint}, {@link BlobEndpoint},
 * {@link Listing}, {@link Referrers}); this one opens the connection they share and is what the
 * rest of gate calls.
 */
public final class RegistryClient {

    private final RepositoryApi api;
    private final UploadSizes uploadSizes;
    private final ManifestEndpoint manifests;
    private final BlobEndpoint blobs;

    private RegistryClient(RegistryHttp http, String repository, UploadSizes uploadSizes) {
        this.api = new RepositoryApi(http, repository);
        this.uploadSizes = uploadSizes;
        this.manifests = new ManifestEndpoint(api);
        this.blobs = new BlobEndpoint(api, uploadSizes);
    }

    public static RegistryClient open(Reference reference, RegistryOptions options) {
        return open(reference.registry(), reference.repository(), options);
    }

    /** A client for the calls that concern the whole registry rather than one repository ({@link #catalog()}). */
    public static RegistryClient openRegistry(String registry, RegistryOptions options) {
        requireHost(registry);
        return open(registry, "", options);
    }

    private static void requireHost(String registry) {
        Reference probe = Reference.parse(registry + "/catalog");
        if (!probe.registry().equals(registry)) {
            throw GateException.input(
                    registry + ": not a registry host (expected e.g. registry.example.com or localhost:5000)");
        }
    }

    /**
     * {@link #openRegistry(String, RegistryOptions)} for a run that makes many requests: the clients {@link #repository}
     * derives share one connection pool, one login and {@code budget}.
     */
    public static RegistryClient openRegistry(String registry, RegistryOptions options, RequestBudget budget) {
        requireHost(registry);
        return open(registry, "", options, budget);
    }

    /** A client for {@code name} on the same registry, sharing this one's connections, tokens and request budget. */
    public RegistryClient repository(String name) {
        return new RegistryClient(api.http(), name, uploadSizes);
    }

    private static RegistryClient open(String registry, String repository, RegistryOptions options) {
        return open(registry, repository, options, RequestBudget.unlimited());
    }

    private static RegistryClient open(
            String registry, String repository, RegistryOptions options, RequestBudget budget) {
        String host = registry.equals(Reference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        TokenAuth auth = new TokenAuth(registry, options.credentials().lookup(registry), options::plainHttpAllowed);
        RegistryHttp http = new RegistryHttp(
                host,
                options::plainHttpAllowed,
                auth,
                RetryPolicy.DEFAULT,
                RegistryTls.context(options.extraCa()),
                options.timeout(),
                budget);
        return new RegistryClient(http, repository, options.uploads());
    }

    /** Finds the registry's scheme and authentication challenge now rather than at the first request. */
    public void ping() {
        api.http().base();
    }

    /** The registry host as references spell it, e.g. {@code 127.0.0.1:5000}. */
    public String registry() {
        return api.http().registry();
    }

    public String repository() {
        return api.name();
    }

    RegistryHttp http() {
        return api.http();
    }

    /** A manifest or index, by tag or digest: exact bytes and the media type the registry stored. */
    public record Manifest(Descriptor descriptor, byte[] raw) {}

    public Optional<Manifest> getManifest(String tagOrDigest) {
        return manifests.get(tagOrDigest);
    }

    /** The descriptor of a manifest, without its body. */
    public Optional<Descriptor> headManifest(String tagOrDigest) {
        return manifests.head(tagOrDigest);
    }

    /** What the registry said to a manifest push: the {@code OCI-Subject} it indexed the manifest under, if any. */
    public record ManifestPut(Optional<Digest> ociSubject) {}

    /** Puts manifest bytes unchanged under a digest or tag, with the manifest's own media type. */
    public ManifestPut putManifest(String tagOrDigest, Descriptor descriptor, byte[] raw) {
        return manifests.put(tagOrDigest, descriptor, raw);
    }

    /**
     * Puts manifest bytes under {@code tag} only if the tag still holds what the writer read ({@code read}: the bytes'
     * digest as the entity tag), or nothing when {@code read} is empty. A registry that honours conditional requests
     * answers 412 when another writer got there first ({@link TagMoved}); one that ignores them writes, and the writer's
     * confirmation catches what that loses (see {@code dev.gate.image.merge.Convergence}).
     */
    public ManifestPut putManifestIf(String tag, Descriptor descriptor, byte[] raw, Optional<byte[]> read) {
        return manifests.putIf(tag, descriptor, raw, read);
    }

    /**
     * The referrers API's index for {@code subject} ({@code artifactType} passed on as a filter
     * when not null); empty when the registry has no referrers API (404).
     */
    public Optional<byte[]> referrers(Digest subject, String artifactType) {
        return Referrers.fromApi(api, subject, artifactType);
    }

    /** Every tag of the repository, across the registry's {@code Link} pages. */
    public List<String> tags() {
        return Listing.tags(api);
    }

    /** Every repository the registry's {@code _catalog} lists, across its {@code Link} pages. */
    public List<String> catalog() {
        return Listing.catalog(api.http());
    }

    public boolean hasBlob(Digest digest) {
        return blobs.has(digest);
    }

    /** The blob's bytes, checked against the descriptor as they are read. */
    public InputStream openBlob(Descriptor descriptor) {
        return blobs.open(descriptor);
    }

    /** Uploads a blob; {@code content} opens the bytes afresh whenever an upload must start over. */
    public void uploadBlob(Descriptor descriptor, Supplier<InputStream> content) {
        uploadBlob(descriptor, content, done -> {});
    }

    /**
     * Uploads a blob in one PUT or in resumable chunks (see {@link UploadSizes}), reporting the
     * bytes sent so far to {@code progress}.
     */
    public void uploadBlob(Descriptor descriptor, Supplier<InputStream> content, LongConsumer progress) {
        blobs.upload(descriptor, BlobCursor.of(content, descriptor.size(), progress));
    }

    /**
     * Uploads a blob that lies in a local file, as {@link #uploadBlob(Descriptor, Supplier, LongConsumer)}
     * does. The registry checks its digest; gate sends the bytes as they are.
     */
    public void uploadBlob(Descriptor descriptor, FileRegion stored, LongConsumer progress) {
        blobs.upload(descriptor, BlobCursor.of(stored, progress));
    }

    /** Asks the registry to link a blob from another repository; false when it must be uploaded. */
    public boolean mountBlob(Digest digest, String fromRepository) {
        return blobs.mount(digest, fromRepository);
    }
}
