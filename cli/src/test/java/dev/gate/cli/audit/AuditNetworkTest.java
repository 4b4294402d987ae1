package dev.gate.cli.audit;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate.Run;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gate audit against a registry that accepts connections and never answers: --timeout ends it with exit 3. */
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
            Run run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> gate("audit", "--timeout", "300ms", host + "/team/app"));
            assertEquals(3, run.code(), run.toString());
            assertTrue(run.err().contains("no answer from '" + host + "' for 300 ms"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
