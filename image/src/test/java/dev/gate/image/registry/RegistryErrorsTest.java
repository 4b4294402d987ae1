package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The registry errors users meet most, each explained in one line with its likely cause and what to do. */
class RegistryErrorsTest {

    record Answer(int statusCode, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri())
                    .header("Authorization", "Basic c2VjcmV0")
                    .build();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return URI.create("https://registry.example/v2/team/app/blobs/uploads/");
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    static GateException explain(int status, String code, String message) {
        String body = code == null ? "" : "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
        GateException error =
                RegistryErrors.of("push team/app", new Answer(status, body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
        assertFalse(error.getMessage().contains("c2VjcmV0"), "request headers never appear");
        assertTrue(error.getMessage().startsWith("push team/app: "), error.getMessage());
        return error;
    }

    @Test
    void denied() {
        GateException error = explain(403, "DENIED", "requested access to the resource is denied");
        assertTrue(
                error.getMessage()
                        .contains("denied: requested access to the resource is denied; the account may not push"),
                error.getMessage());
        assertTrue(error.getMessage().contains("misspelt"));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
    }

    @Test
    void unauthorized() {
        GateException error = explain(401, "UNAUTHORIZED", "authentication required");
        assertTrue(
                error.getMessage().contains("unauthorized: the registry got no credentials or refused them"),
                error.getMessage());
        assertTrue(error.getMessage().contains("--authfile"));
        assertTrue(
                error.getMessage().endsWith("(registry said: UNAUTHORIZED: authentication required)"),
                error.getMessage());
    }

    @Test
    void blobUploadInvalid() {
        GateException error = explain(400, "BLOB_UPLOAD_INVALID", "blob upload invalid");
        assertTrue(error.getMessage().contains("lost or refused the upload session"), error.getMessage());
        assertTrue(error.getMessage().contains("--jobs 1"));
    }

    @Test
    void entityTooLargeFromAProxyWithAnHtmlBody() {
        GateException error = RegistryErrors.of(
                "push team/app",
                new Answer(
                        413,
                        "<html><head><title>413 Request Entity Too Large</title></head><body>nginx</body></html>"
                                .getBytes(StandardCharsets.UTF_8)));
        assertTrue(
                error.getMessage().contains("a proxy in front of the registry limits request bodies"),
                error.getMessage());
        assertTrue(error.getMessage().contains("client_max_body_size"));
        assertFalse(error.getMessage().contains("<html>"), "a proxy's HTML page is not quoted: " + error.getMessage());
    }

    @Test
    void registryWordsAreEscaped() {
        GateException error = explain(500, "UNKNOWN", "boom\\u001b]0;owned\\u0007\\nfake: line");
        assertFalse(error.getMessage().contains("\u001b") || error.getMessage().contains("\n"), error.getMessage());
        assertTrue(error.getMessage().contains("boom\\x1b]0;owned\\x07\\nfake: line"), error.getMessage());
    }
}
