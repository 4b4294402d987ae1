package dev.gate.image.registry;

import dev.gate.errors.GateException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The first request to a registry, {@code GET /v2/}, made once: its answer tells which scheme the registry speaks and
 * which authentication challenge it sets. Its failures are the first a user meets when the address is wrong, the
 * registry is down, or it uses a private CA or plain HTTP, so each says what to check and which option fixes it.
 */
final class RegistryPing {

    private final String registry;
    private final boolean plainHttpAllowed;
    private final HttpClient client;
    private final Duration timeout;
    private final TokenAuth auth;
    private volatile URI base;

    RegistryPing(String registry, boolean plainHttpAllowed, HttpClient client, Duration timeout, TokenAuth auth) {
        this.registry = registry;
        this.plainHttpAllowed = plainHttpAllowed;
        this.client = client;
        this.timeout = timeout;
        this.auth = auth;
    }

    /** {@code https://host} unless plain HTTP is allowed and the registry does not speak TLS. */
    URI base() {
        URI known = base;
        if (known == null) {
            known = ping();
            base = known;
        }
        return known;
    }

    /**
     * Where plain HTTP is allowed, HTTP is tried first: a registry answers its ping with 200 or 401,
     * while a TLS server answers plain HTTP with 400 or drops it, and then HTTPS is used.
     */
    private URI ping() {
        if (plainHttpAllowed) {
            URI http = URI.create("http://" + registry);
            try {
                HttpResponse<byte[]> response =
                        send(HttpRequest.newBuilder(http.resolve("/v2/")).GET());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    auth.observe(response);
                    return http;
                }
            } catch (ConnectException | HttpTimeoutException e) {
                throw unreachable(e);
            } catch (IOException e) {
                // not plain HTTP: try TLS below
            }
        }
        URI https = URI.create("https://" + registry);
        try {
            auth.observe(send(HttpRequest.newBuilder(https.resolve("/v2/")).GET()));
            return https;
        } catch (SSLException e) {
            throw GateException.operational(
                    registry + ": TLS handshake failed (" + e.getMessage()
                            + "); if it uses a private CA, pass --registry-ca FILE; if it serves plain HTTP, pass --insecure-registry "
                            + registry,
                    e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        return IdleTimeout.send(client, request.build(), CappedBody.upTo(CappedBody.SMALL), timeout);
    }

    private GateException unreachable(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return RegistryHttp.silent(registry + " (ping)", registry, timeout, e);
        }
        String why = e instanceof ConnectException ? "connection refused" : e.toString();
        return GateException.operational(
                "registry " + registry + " is unreachable (" + why
                        + "); check the host and port, and that the registry is running",
                e);
    }
}
