package dev.gate.cli.gate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * A loopback HTTP proxy in front of a real registry that answers 500 to the requests a predicate
 * picks, so a test can make the registry fail at one exact step of a push; or that serves other
 * bodies than the registry's, as a lying registry would.
 */
final class FaultyProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "expect", "keep-alive");
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String upstream;
    private volatile BiPredicate<String, String> fail = (method, path) -> false;
    private volatile BiFunction<String, byte[], byte[]> lie = (path, body) -> body;
    final AtomicInteger failures = new AtomicInteger();
    final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();

    FaultyProxy(String upstreamHostPort) throws IOException {
        this.upstream = "http://" + upstreamHostPort;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests for which {@code (method, path)} holds get a 500 from now on. */
    void failWhen(BiPredicate<String, String> predicate) {
        fail = predicate;
    }

    /** GET answers pass through {@code replace(path, body)} from now on; its result is served instead. */
    void serveInstead(BiFunction<String, byte[], byte[]> replace) {
        lie = replace;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        try (exchange) {
            if (fail.test(method, uri.getPath())) {
                failures.incrementAndGet();
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                            upstream + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(
                            method,
                            body.length == 0
                                            && !method.equals("PUT")
                                            && !method.equals("POST")
                                            && !method.equals("PATCH")
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    List<String> rewritten = values.stream()
                            .map(v -> v.replace(upstream, "http://" + hostPort()))
                            .toList();
                    exchange.getResponseHeaders().put(name, rewritten);
                }
            });
            byte[] answer = response.body();
            if (method.equals("GET") && response.statusCode() == 200) {
                gets.computeIfAbsent(uri.getPath(), p -> new AtomicInteger()).incrementAndGet();
                answer = lie.apply(uri.getPath(), answer);
            }
            boolean noBody = method.equals("HEAD") || answer.length == 0;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
