package dev.gate.cli;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run of gate reads the environment it was built with, and no other: two runs in one JVM do not share one. */
class EnvironmentTest {

    @Test
    void twoRunsAtOnceEachEncryptWithTheirOwnPassword(@TempDir Path dir) throws Exception {
        // Both runs wait at their password lookup until the other has reached its own: they are in flight together.
        CountDownLatch bothAsking = new CountDownLatch(2);
        Environment first = Environment.system().withVariables(askingTogether(bothAsking, "first-pw"));
        Environment second = Environment.system().withVariables(askingTogether(bothAsking, "second-pw"));
        CompletableFuture<Run> a = CompletableFuture.supplyAsync(() -> generate(first, dir.resolve("a")));
        CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> generate(second, dir.resolve("b")));
        assertEquals(0, a.get(1, TimeUnit.MINUTES).code(), a.get().toString());
        assertEquals(0, b.get(1, TimeUnit.MINUTES).code(), b.get().toString());

        assertEquals(0, publicKey("first-pw", dir.resolve("a.key")).code());
        assertEquals(0, publicKey("second-pw", dir.resolve("b.key")).code());
        Run crossed = publicKey("second-pw", dir.resolve("a.key"));
        assertEquals(2, crossed.code(), crossed.toString());
        assertTrue(crossed.err().contains("wrong password"), crossed.err());
    }

    @Test
    void theKeylessServiceIsTheEnvironmentsAndATokenComesFromItsVariables() {
        // No OIDC token in this environment, whatever the JVM's: refused before the service is asked.
        Environment none = Environment.system().withVariables(name -> null).withKeylessService(token -> {
            throw new AssertionError("the service is not asked without a token");
        });
        Run refused = InProcessGate.gate(none, "sign", "--keyless", "127.0.0.1:1/none/app:1");
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.err().contains("--keyless needs an OIDC token"), refused.err());

        // GitHub Actions' token variables in this environment: its own service is the one asked.
        Environment actions = none.withVariables(name -> name.startsWith("ACTIONS_ID_TOKEN_REQUEST_") ? "set" : null)
                .withKeylessService(token -> {
                    throw new IllegalStateException("this environment's keyless service");
                });
        Run asked = InProcessGate.gate(actions, "sign", "--keyless", "127.0.0.1:1/none/app:1");
        assertEquals(3, asked.code(), asked.toString());
        assertTrue(asked.err().contains("this environment's keyless service"), asked.err());
    }

    private static UnaryOperator<String> askingTogether(CountDownLatch bothAsking, String password) {
        UnaryOperator<String> variables = onlyKeyPassword(password);
        return name -> {
            if (name.equals("COSIGN_PASSWORD")) {
                bothAsking.countDown();
                try {
                    assertTrue(bothAsking.await(30, TimeUnit.SECONDS), "the other run reached its password too");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return variables.apply(name);
        };
    }

    private static Run generate(Environment environment, Path prefix) {
        return InProcessGate.gate(environment, "key", "generate", "--output-key-prefix", prefix.toString());
    }

    private static Run publicKey(String password, Path key) {
        return InProcessGate.gate(
                Environment.system().withVariables(onlyKeyPassword(password)),
                "key",
                "public",
                "--key",
                key.toString());
    }
}
