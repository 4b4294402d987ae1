package dev.gate.cli.gate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A loopback proxy in front of a real registry that records every request gate makes, so a test can count them, and
 * injects what the real registry will not do on demand: a repository that refuses its listing, a catalog of only the
 * test's repositories.
 */
final class RegistryProxy implements AutoCloseable {

    private static final Set<String> FORWARDED =
            Set.of("accept", "content-type", "authorization", "if-match", "if-none-match");

    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** Paths answered 403 DENIED instead of being forwarded. */
    volatile Predicate<String> refused = path -> false;
    /** When set, the catalog answered instead of the registry's (which lists every test's repositories). */
    volatile List<String> catalog;

    private final String upstream;
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RegistryProxy(String upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    long count(Predicate<String> request) {
        synchronized (requests) {
            return requests.stream().filter(request).count();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (refused.test(path)) {
                answer(exchange, 403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"listing refused\"}]}");
                return;
            }
            if (catalog != null && path.equals("/v2/_catalog")) {
                answer(exchange, 200, "{\"repositories\":[\"" + String.join("\",\"", catalog) + "\"]}");
                return;
            }
            forward(exchange, path + (query == null ? "" : "?" + query));
        }
    }

    private void forward(HttpExchange exchange, String pathAndQuery) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + upstream + pathAndQuery))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (FORWARDED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!lower.equals("content-length")
                    && !lower.equals("transfer-encoding")
                    && !lower.equals("connection")
                    && !lower.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean head = exchange.getRequestMethod().equals("HEAD");
        byte[] content = response.body();
        exchange.sendResponseHeaders(response.statusCode(), head || content.length == 0 ? -1 : content.length);
        if (!head) {
            exchange.getResponseBody().write(content);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
