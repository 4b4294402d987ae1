package dev.gate.image.registry;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The {@code blobs} endpoints of one repository: whether a blob is there, its bytes (streamed, and checked against
 * their digest as they are read), a link from another repository instead of an upload, and the upload itself, which
 * {@link BlobUpload} carries out.
 */
final class BlobEndpoint {

    /** What of a refused blob's answer is read to explain the refusal. */
    private static final int ERROR_BODY = 64 * 1024;

    private final RepositoryApi repository;
    private final RegistryHttp http;
    private final UploadSizes uploadSizes;

    BlobEndpoint(RepositoryApi repository, UploadSizes uploadSizes) {
        this.repository = repository;
        this.http = repository.http();
        this.uploadSizes = uploadSizes;
    }

    boolean has(Digest digest) {
        HttpResponse<Void> response = http.exchange(
                "check blob",
                repository.pull(),
                () -> HttpRequest.newBuilder(repository.uri("/blobs/" + digest))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    InputStream open(Descriptor descriptor) {
        HttpResponse<InputStream> response = http.exchange(
                "get blob " + descriptor.digest(),
                repository.pull(),
                () -> HttpRequest.newBuilder(repository.uri("/blobs/" + descriptor.digest()))
                        .GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw RegistryErrors.of(
                        "get blob " + descriptor.digest() + " from " + repository.name(),
                        new BufferedResponse(response, body.readNBytes(ERROR_BODY)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new VerifyingInputStream(response.body(), descriptor, repository.where());
    }

    void upload(Descriptor descriptor, BlobCursor cursor) {
        new BlobUpload(
                        http,
                        repository.uri("/blobs/uploads/"),
                        repository.push(),
                        uploadSizes,
                        descriptor,
                        "upload blob " + descriptor.digest() + " to " + repository.name(),
                        cursor)
                .run();
    }

    /** False when the registry did not link the blob and it must be uploaded. */
    boolean mount(Digest digest, String fromRepository) {
        Set<String> scopes =
                Set.of("repository:" + repository.name() + ":pull,push", "repository:" + fromRepository + ":pull");
        HttpResponse<byte[]> response = http.exchange(
                "mount blob",
                scopes,
                () -> HttpRequest.newBuilder(repository.uri("/blobs/uploads/?mount=" + digest + "&from="
                                + URLEncoder.encode(fromRepository, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                CappedBody.upTo(CappedBody.SMALL));
        return response.statusCode() == 201;
    }
}
