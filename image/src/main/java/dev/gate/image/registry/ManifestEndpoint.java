package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.merge.TagMoved;
import dev.gate.image.oci.ManifestType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code manifests} endpoint of one repository. A manifest read is checked against the digest it was asked by and
 * keeps its exact bytes; a push sends the bytes unchanged, conditionally when a tag may have moved, and waits for a
 * registry that has not yet linked the blobs pushed just before.
 */
final class ManifestEndpoint {

    private static final String ACCEPT = String.join(", ", MediaTypes.ALL_MANIFESTS);

    private static final List<Duration> BLOB_SETTLING =
            List.of(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final RepositoryApi repository;
    private final RegistryHttp http;

    ManifestEndpoint(RepositoryApi repository) {
        this.repository = repository;
        this.http = repository.http();
    }

    Optional<RegistryClient.Manifest> get(String tagOrDigest) {
        String what = "get manifest " + repository.name() + ":" + tagOrDigest;
        HttpResponse<byte[]> response = http.exchange(
                what,
                repository.pull(),
                () -> HttpRequest.newBuilder(repository.uri("/manifests/" + tagOrDigest))
                        .header("Accept", ACCEPT)
                        .GET(),
                CappedBody.upTo(CappedBody.MANIFEST));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        RegistryErrors.expect(response, 200, what);
        byte[] raw = response.body();
        Digest digest = Digest.sha256(raw);
        if (tagOrDigest.contains(":") && !Digest.parse(tagOrDigest).equals(digest)) {
            throw GateException.input(repository.where() + ": manifest " + tagOrDigest + " has digest " + digest);
        }
        String mediaType = ManifestType.of(
                raw,
                response.headers()
                        .firstValue("Content-Type")
                        .map(t -> t.split(";")[0].strip())
                        .orElse(null),
                "the Content-Type",
                repository.where() + " manifest " + digest);
        return Optional.of(new RegistryClient.Manifest(Descriptor.of(mediaType, digest, raw.length), raw));
    }

    Optional<Descriptor> head(String tagOrDigest) {
        HttpResponse<Void> response = http.exchange(
                "head manifest",
                repository.pull(),
                () -> HttpRequest.newBuilder(repository.uri("/manifests/" + tagOrDigest))
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

    RegistryClient.ManifestPut put(String tagOrDigest, Descriptor descriptor, byte[] raw) {
        HttpResponse<byte[]> response = send(
                "push manifest " + repository.name() + ":" + tagOrDigest,
                () -> HttpRequest.newBuilder(repository.uri("/manifests/" + tagOrDigest))
                        .header("Content-Type", descriptor.mediaType())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(raw)));
        RegistryErrors.expect(
                response, 201, "push manifest " + descriptor.digest() + " to " + repository.name() + ":" + tagOrDigest);
        return pushed(response);
    }

    /** See {@link RegistryClient#putManifestIf(String, Descriptor, byte[], Optional)}. */
    RegistryClient.ManifestPut putIf(String tag, Descriptor descriptor, byte[] raw, Optional<byte[]> read) {
        String what = "push manifest " + descriptor.digest() + " to " + repository.name() + ":" + tag;
        HttpResponse<byte[]> response = send(what, () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(repository.uri("/manifests/" + tag))
                    .header("Content-Type", descriptor.mediaType())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(raw));
            return read.isPresent()
                    ? request.header("If-Match", "\"" + Digest.sha256(read.get()) + "\"")
                    : request.header("If-None-Match", "*");
        });
        if (response.statusCode() == 412) {
            throw new TagMoved(repository.name() + ":" + tag + " changed since it was read");
        }
        RegistryErrors.expect(response, 201, what);
        return pushed(response);
    }

    private static RegistryClient.ManifestPut pushed(HttpResponse<byte[]> response) {
        return new RegistryClient.ManifestPut(
                response.headers().firstValue("OCI-Subject").map(Digest::parse));
    }

    /**
     * Sends a manifest PUT, again after a pause while the registry says a blob it names is unknown: the blobs were
     * uploaded (or found) just before, and a registry briefly misses one while another client links the same blob
     * into the repository (Distribution's filesystem storage rewrites the link in place) or while its storage catches up.
     * A blob that is really missing still fails, after {@link #BLOB_SETTLING} pauses.
     */
    private HttpResponse<byte[]> send(String what, Supplier<HttpRequest.Builder> request) {
        HttpResponse<byte[]> response =
                http.exchange(what, repository.push(), request, CappedBody.upTo(CappedBody.SMALL));
        for (Duration pause : BLOB_SETTLING) {
            if (!namesUnknownBlob(response)) {
                break;
            }
            RetryPolicy.sleep(pause);
            response = http.exchange(what, repository.push(), request, CappedBody.upTo(CappedBody.SMALL));
        }
        return response;
    }

    private static boolean namesUnknownBlob(HttpResponse<byte[]> response) {
        return response.statusCode() == 400
                && response.body() != null
                && new String(response.body(), StandardCharsets.UTF_8).contains("MANIFEST_BLOB_UNKNOWN");
    }
}
