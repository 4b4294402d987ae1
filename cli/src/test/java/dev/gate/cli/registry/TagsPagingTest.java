package dev.gate.cli.registry;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gate.cli.InProcessGate.Run;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gate tags across a registry's pages. Distribution ignores {@code n} and {@code last} and never pages, so a small
 * in-process registry serves the tag list in pages linked by {@code Link: <...>; rel="next"}.
 */
class TagsPagingTest {

    private HttpServer server;
    private volatile Map<String, String> pages;
    private volatile Map<String, String> links;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        String body = path.equals("/v2/") ? "{}" : pages.get(path);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        if (links.containsKey(path)) {
            exchange.getResponseHeaders().add("Link", links.get(path));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void everyPageIsListedInOrder() {
        pages = Map.of(
                "/v2/team/app/tags/list",
                "{\"name\":\"team/app\",\"tags\":[\"1.0.0\",\"1.0.1\"]}",
                "/v2/team/app/tags/list?last=1.0.1&n=2",
                "{\"name\":\"team/app\",\"tags\":[\"1.1.0\",\"2.0.0\"]}",
                "/v2/team/app/tags/list?last=2.0.0&n=2",
                "{\"name\":\"team/app\",\"tags\":[\"latest\"]}");
        links = Map.of(
                "/v2/team/app/tags/list",
                "</v2/team/app/tags/list?last=1.0.1&n=2>; rel=\"next\"",
                "/v2/team/app/tags/list?last=1.0.1&n=2",
                "</v2/team/app/tags/list?last=2.0.0&n=2>; rel=\"next\"");
        Run tags = gate("tags", host() + "/team/app");
        assertEquals(0, tags.code(), tags.toString());
        assertEquals(
                List.of("1.0.0", "1.0.1", "1.1.0", "2.0.0", "latest"),
                tags.out().lines().toList());
    }

    @Test
    void aNextPageOnAnotherOriginOrAHostileTagEndsTheRun() {
        pages = Map.of("/v2/team/app/tags/list", "{\"tags\":[\"1.0.0\"]}");
        links = Map.of("/v2/team/app/tags/list", "<http://127.0.0.2:1/v2/team/app/tags/list?n=2>; rel=\"next\"");
        Run elsewhere = gate("tags", host() + "/team/app");
        assertEquals(3, elsewhere.code(), elsewhere.toString());
        assertTrue(elsewhere.err().contains("outside its API"), elsewhere.err());

        pages = Map.of("/v2/team/app/tags/list", "{\"tags\":[\"1.0.0\",\"\\u001b[2J\\n::set-output name=x::y\"]}");
        links = Map.of();
        Run hostile = gate("tags", host() + "/team/app");
        assertEquals(3, hostile.code(), hostile.toString());
        assertEquals("", hostile.out(), "nothing of a list with a hostile entry is printed");
        assertEquals(1, hostile.err().lines().count(), hostile.err());
    }
}
