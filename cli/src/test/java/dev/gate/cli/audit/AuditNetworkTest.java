package dev.gate.cli.audit;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gate.cli.InProcessGate.Run;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** gate audit against registries that go silent: --timeout ends the audit with exit 3, not a hung job. */
class AuditNetworkTest {

    @Test
    void silentRegistryEndsTheAuditWithExit3() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String host = "127.0.0.1:" + silent.getLocalPort();
            Run run = assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> gate("audit", "--timeout", "300ms", host + "/team/app"));
            assertEquals(3, run.code(), run.toString());
            assertTrue(run.err().contains("no answer from '" + host + "' for 300 ms"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void registryThatListsTagsThenHangsEndsTheWholeAudit() throws Exception {
        CountDownLatch closing = new CountDownLatch(1);
        HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.setExecutor(Executors.newCachedThreadPool());
        registry.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.endsWith("/tags/list")
                    ? "{\"name\":\"team/app\",\"tags\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}"
                            .getBytes(StandardCharsets.UTF_8)
                    : "{}".getBytes(StandardCharsets.UTF_8);
            if (path.contains("/manifests/")) {
                try {
                    closing.await(60, TimeUnit.SECONDS); // the manifests never come
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            String host = "127.0.0.1:" + registry.getAddress().getPort();
            Run run = assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> gate("audit", "--timeout", "1s", "--jobs", "1", host + "/team/app"));
            assertEquals(3, run.code(), run.toString());
            assertTrue(run.err().contains("no answer from '" + host + "' for 1 s"), run.err());
        } finally {
            closing.countDown();
            registry.stop(0);
        }
    }
}
