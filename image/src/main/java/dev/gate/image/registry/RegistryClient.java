package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.merge.TagMoved;
import dev.gate.image.oci.ManifestType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The registry calls gate makes, one method per endpoint of the distribution API, for one
 * repository. Everything pulled is checked against its digest; manifests keep their exact bytes.
 */
public final class RegistryClient {

    private static final String ACCEPT = String.join(", ", MediaTypes.ALL_MANIFESTS);

    private final RegistryHttp http;
    private final String repository;
    private final UploadSizes uploadSizes;

    private RegistryClient(RegistryHttp http, String repository, UploadSizes uploadSizes) {
        this.http = http;
        this.repository = repository;
        this.uploadSizes = uploadSizes;
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
        return new RegistryClient(http, name, uploadSizes);
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
        http.base();
    }

    /** The registry host as references spell it, e.g. {@code 127.0.0.1:5000}. */
    public String registry() {
        return http.registry();
    }

    public String repository() {
        return repository;
    }

    RegistryHttp http() {
        return http;
    }

    private Set<String> pull() {
        return Set.of("repository:" + repository + ":pull");
    }

    private Set<String> push() {
        return Set.of("repository:" + repository + ":pull,push");
    }

    private URI uri(String path) {
        return http.base().resolve("/v2/" + repository + path);
    }

    /** A manifest or index, by tag or digest: exact bytes and the media type the registry stored. */
    public record Manifest(Descriptor descriptor, byte[] raw) {}

    public Optional<Manifest> getManifest(String tagOrDigest) {
        HttpResponse<byte[]> response = http.exchange(
                "get manifest " + repository + ":" + tagOrDigest,
                pull(),
                () -> HttpRequest.newBuilder(uri("/manifests/" + tagOrDigest))
                        .header("Accept", ACCEPT)
                        .GET(),
                CappedBody.upTo(CappedBody.MANIFEST));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "get manifest " + repository + ":" + tagOrDigest);
        byte[] raw = response.body();
        Digest digest = Digest.sha256(raw);
        if (tagOrDigest.contains(":") && !Digest.parse(tagOrDigest).equals(digest)) {
            throw GateException.input(
                    http.registry() + "/" + repository + ": manifest " + tagOrDigest + " has digest " + digest);
        }
        String mediaType = ManifestType.of(
                raw,
                response.headers()
                        .firstValue("Content-Type")
                        .map(t -> t.split(";")[0].strip())
                        .orElse(null),
                "the Content-Type",
                http.registry() + "/" + repository + " manifest " + digest);
        return Optional.of(new Manifest(Descriptor.of(mediaType, digest, raw.length), raw));
    }

    /** The descriptor of a manifest, without its body. */
    public Optional<Descriptor> headManifest(String tagOrDigest) {
        HttpResponse<Void> response = http.exchange(
                "head manifest",
                pull(),
                () -> HttpRequest.newBuilder(uri("/manifests/" + tagOrDigest))
                        .header("Accept", ACCEPT)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
        Optional<String> type = response.headers().firstValue("Content-Type");
        long size = response.headers().firstValueAsLong("Content-Length").orElse(0);
        return digest.map(d -> Descriptor.of(type.orElse(MediaTypes.OCI_MANIFEST), Digest.parse(d), size));
    }

    /** What the registry said to a manifest push: the {@code OCI-Subject} it indexed the manifest under, if any. */
    public record ManifestPut(Optional<Digest> ociSubject) {}

    /** Puts manifest bytes unchanged under a digest or tag, with the manifest's own media type. */
    public ManifestPut putManifest(String tagOrDigest, Descriptor descriptor, byte[] raw) {
        HttpResponse<byte[]> response = sendManifest(
                "push manifest " + repository + ":" + tagOrDigest,
                () -> HttpRequest.newBuilder(uri("/manifests/" + tagOrDigest))
                        .header("Content-Type", descriptor.mediaType())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(raw)));
        expect(response, 201, "push manifest " + descriptor.digest() + " to " + repository + ":" + tagOrDigest);
        return new ManifestPut(response.headers().firstValue("OCI-Subject").map(Digest::parse));
    }

    /**
     * Puts manifest bytes under {@code tag} only if the tag still holds what the writer read ({@code read}: the bytes'
     * digest as the entity tag), or nothing when {@code read} is empty. A registry that honours conditional requests
     * answers 412 when another writer got there first ({@link TagMoved}); one that ignores them writes, and the writer's
     * confirmation catches what that loses (see {@code dev.gate.image.merge.Convergence}).
     */
    public ManifestPut putManifestIf(String tag, Descriptor descriptor, byte[] raw, Optional<byte[]> read) {
        String what = "push manifest " + descriptor.digest() + " to " + repository + ":" + tag;
        HttpResponse<byte[]> response = sendManifest(what, () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/manifests/" + tag))
                    .header("Content-Type", descriptor.mediaType())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(raw));
            return read.isPresent()
                    ? request.header("If-Match", "\"" + Digest.sha256(read.get()) + "\"")
                    : request.header("If-None-Match", "*");
        });
        if (response.statusCode() == 412) {
            throw new TagMoved(repository + ":" + tag + " changed since it was read");
        }
        expect(response, 201, what);
        return new ManifestPut(response.headers().firstValue("OCI-Subject").map(Digest::parse));
    }

    /**
     * Sends a manifest PUT, again after a pause while the registry says a blob it names is unknown: the blobs were
     * uploaded (or found) just before, and a registry briefly misses one while another client links the same blob
     * into the repository (Distribution's filesystem storage rewrites the link in place) or while its storage catches up.
     * A blob that is really missing still fails, after {@link #BLOB_SETTLING} pauses.
     */
    private HttpResponse<byte[]> sendManifest(String what, Supplier<HttpRequest.Builder> request) {
        HttpResponse<byte[]> response = http.exchange(what, push(), request, CappedBody.upTo(CappedBody.SMALL));
        for (Duration pause : BLOB_SETTLING) {
            if (!namesUnknownBlob(response)) {
                break;
            }
            RegistryHttp.sleep(pause);
            response = http.exchange(what, push(), request, CappedBody.upTo(CappedBody.SMALL));
        }
        return response;
    }

    private static final List<Duration> BLOB_SETTLING =
            List.of(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));

    private static boolean namesUnknownBlob(HttpResponse<byte[]> response) {
        return response.statusCode() == 400
                && response.body() != null
                && new String(response.body(), StandardCharsets.UTF_8).contains("MANIFEST_BLOB_UNKNOWN");
    }

    /**
     * The referrers API's index for {@code subject} ({@code artifactType} passed on as a filter
     * when not null); empty when the registry has no referrers API (404).
     */
    public Optional<byte[]> referrers(Digest subject, String artifactType) {
        String query =
                artifactType == null ? "" : "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = http.exchange(
                "list referrers of " + subject,
                pull(),
                () -> HttpRequest.newBuilder(uri("/referrers/" + subject + query))
                        .header("Accept", MediaTypes.OCI_INDEX)
                        .GET(),
                CappedBody.upTo(CappedBody.MANIFEST));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "list referrers of " + subject + " in " + repository);
        return Optional.of(response.body());
    }

    /** Every tag of the repository, across the registry's {@code Link} pages. */
    public List<String> tags() {
        String what = "list tags of " + http.registry() + "/" + repository;
        return new Listing(http, what, pull(), "tags", this::isTag)
                .all(
                        "/v2/" + repository + "/tags/list",
                        http.registry() + "/" + repository + ": no such repository (404)");
    }

    /** Every repository the registry's {@code _catalog} lists, across its {@code Link} pages. */
    public List<String> catalog() {
        String what = "list the catalog of " + http.registry();
        return new Listing(http, what, Set.of("registry:catalog:*"), "repositories", this::isRepository)
                .all("/v2/_catalog", http.registry() + ": the registry has no catalog (404)");
    }

    private boolean isTag(String tag) {
        return isRepository(repository)
                && parses(repository + ":" + tag, r -> tag.equals(r.tag()) && r.digest() == null);
    }

    private boolean isRepository(String name) {
        return !name.isEmpty()
                && parses(name, r -> name.equals(r.repository()) && Reference.DEFAULT_TAG.equals(r.tag()));
    }

    private boolean parses(String nameAndTag, java.util.function.Predicate<Reference> check) {
        try {
            Reference parsed = Reference.parse(http.registry() + "/" + nameAndTag);
            return parsed.registry().equals(http.registry()) && check.test(parsed);
        } catch (GateException e) {
            return false;
        }
    }

    public boolean hasBlob(Digest digest) {
        HttpResponse<Void> response = http.exchange(
                "check blob",
                pull(),
                () -> HttpRequest.newBuilder(uri("/blobs/" + digest))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    /** The blob's bytes, checked against the descriptor as they are read. */
    public InputStream openBlob(Descriptor descriptor) {
        HttpResponse<InputStream> response = http.exchange(
                "get blob " + descriptor.digest(),
                pull(),
                () -> HttpRequest.newBuilder(uri("/blobs/" + descriptor.digest()))
                        .GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw RegistryErrors.of(
                        "get blob " + descriptor.digest() + " from " + repository,
                        withBody(response, body.readNBytes(64 * 1024)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new dev.gate.image.VerifyingInputStream(response.body(), descriptor, http.registry() + "/" + repository);
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
        upload(descriptor, BlobCursor.of(content, descriptor.size(), progress));
    }

    /**
     * Uploads a blob that lies in a local file, as {@link #uploadBlob(Descriptor, Supplier, LongConsumer)}
     * does. The registry checks its digest; gate sends the bytes as they are.
     */
    public void uploadBlob(Descriptor descriptor, FileRegion stored, LongConsumer progress) {
        upload(descriptor, BlobCursor.of(stored, progress));
    }

    private void upload(Descriptor descriptor, BlobCursor cursor) {
        new BlobUpload(
                        http,
                        uri("/blobs/uploads/"),
                        push(),
                        uploadSizes,
                        descriptor,
                        "upload blob " + descriptor.digest() + " to " + repository,
                        cursor)
                .run();
    }

    /** Asks the registry to link a blob from another repository; false when it must be uploaded. */
    public boolean mountBlob(Digest digest, String fromRepository) {
        Set<String> scopes =
                Set.of("repository:" + repository + ":pull,push", "repository:" + fromRepository + ":pull");
        HttpResponse<byte[]> response = http.exchange(
                "mount blob",
                scopes,
                () -> HttpRequest.newBuilder(uri("/blobs/uploads/?mount=" + digest + "&from="
                                + URLEncoder.encode(fromRepository, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                CappedBody.upTo(CappedBody.SMALL));
        return response.statusCode() == 201;
    }

    private static void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            throw RegistryErrors.of(what, response);
        }
    }

    private static HttpResponse<byte[]> withBody(HttpResponse<InputStream> response, byte[] body) {
        return new BufferedResponse(response, body);
    }
}
