package dev.gate.image.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gate.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An in-memory distribution registry on loopback, for what no real registry here can do on
 * demand: injected faults, token challenges, redirects. Records every request it saw.
 */
final class FakeRegistry implements AutoCloseable {

    /** A fault answered instead of the real response when its predicate matches, {@code times} times. */
    record Fault(Predicate<HttpExchange> when, int status, Map<String, String> headers, int[] remaining) {
    }

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    volatile String requiredToken;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void fault(Predicate<HttpExchange> when, int status, Map<String, String> headers, int times) {
        faults.add(new Fault(when, status, headers, new int[] {times}));
    }

    /** Requires {@code Bearer token}, issued by this server's /token endpoint. */
    void requireToken(String token) {
        requiredToken = token;
    }

    long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(method + " " + path + (query == null ? "" : "?" + query));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/token")) {
                respond(exchange, 200, ("{\"token\":\"" + requiredToken + "\"}").getBytes(), Map.of());
                return;
            }
            for (Fault fault : faults) {
                synchronized (fault) {
                    if (fault.remaining()[0] > 0 && fault.when().test(exchange)) {
                        fault.remaining()[0]--;
                        respond(exchange, fault.status(), new byte[0], fault.headers());
                        return;
                    }
                }
            }
            if (requiredToken != null && !("Bearer " + requiredToken).equals(authorization)) {
                respond(exchange, 401, new byte[0], Map.of("WWW-Authenticate",
                        "Bearer realm=\"http://" + host() + "/token\",service=\"fake\""));
                return;
            }
            route(exchange, method, path, query, body);
        }
    }

    private void route(HttpExchange exchange, String method, String path, String query, byte[] body) throws IOException {
        if (path.equals("/v2/")) {
            respond(exchange, 200, "{}".getBytes(), Map.of());
        } else if (path.contains("/blobs/uploads/") && method.equals("POST")) {
            respond(exchange, 202, new byte[0], Map.of("Location", path + UUID.randomUUID()));
        } else if (path.contains("/blobs/uploads/") && method.equals("PUT")) {
            String digest = java.net.URLDecoder.decode(query.replaceFirst(".*digest=", ""), "UTF-8");
            if (!Digest.sha256(body).toString().equals(digest)) {
                respond(exchange, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"digest mismatch\"}]}".getBytes(), Map.of());
                return;
            }
            blobs.put(digest, body);
            respond(exchange, 201, new byte[0], Map.of("Docker-Content-Digest", digest));
        } else if (path.contains("/blobs/")) {
            byte[] blob = blobs.get(path.substring(path.lastIndexOf('/') + 1));
            respond(exchange, blob == null ? 404 : 200, blob == null ? new byte[0] : blob, Map.of());
        } else if (path.contains("/manifests/") && method.equals("PUT")) {
            String key = path;
            manifests.put(key, body);
            manifestTypes.put(key, exchange.getRequestHeaders().getFirst("Content-Type"));
            respond(exchange, 201, new byte[0], Map.of("Docker-Content-Digest", Digest.sha256(body).toString()));
        } else if (path.contains("/manifests/")) {
            byte[] manifest = manifests.get(path);
            Map<String, String> headers = manifest == null ? Map.of() : Map.of("Content-Type", manifestTypes.get(path),
                    "Docker-Content-Digest", Digest.sha256(manifest).toString());
            respond(exchange, manifest == null ? 404 : 200, manifest == null ? new byte[0] : manifest, headers);
        } else {
            respond(exchange, 404, new byte[0], Map.of());
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static InputStream none() {
        return InputStream.nullInputStream();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
