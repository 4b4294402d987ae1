package dev.gate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback endpoint that answers the registry requests of a push as a registry would, keeping nothing, so
 * that {@link ClassDataTraining} runs the whole push path: ping, blob checks, uploads, manifest. It is not a
 * registry: it stores nothing and checks nothing.
 */
final class TrainingRegistry implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger sessions = new AtomicInteger();

    TrainingRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", this::answer);
        server.start();
    }

    /** {@code host:port} to push to. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
            if (path.equals("/v2/")) {
                respond(exchange, 200);
            } else if (method.equals("POST") && path.endsWith("/blobs/uploads/")) {
                exchange.getResponseHeaders().set("Location", path + sessions.incrementAndGet() + "?state=training");
                respond(exchange, 202);
            } else if (method.equals("PUT")) {
                respond(exchange, 201);
            } else {
                respond(exchange, 404);
            }
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
