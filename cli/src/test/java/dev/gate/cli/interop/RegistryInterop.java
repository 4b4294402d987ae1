package dev.gate.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.image.testing.TestMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the judges' tests on the plain loopback registry share: a temporary folder, cosign run in it, the repository
 * root, and key files encrypted with {@link Cosign#PASSWORD} for gate and cosign alike.
 */
abstract class RegistryInterop {

    @TempDir
    Path dir;

    String registry;
    Cosign cosign;
    final Path root = Path.of(System.getProperty("gate.root", ".."));
    /** Only the key password of the judges' keys; a test may swap in its own keyless service. */
    Environment environment = Environment.system().withVariables(Cosign.PASSWORD::get);

    @BeforeEach
    void useLoopbackRegistry() {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        cosign = new Cosign(dir);
    }

    /** Runs gate with the test's environment. */
    Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }

    /** {@code gate key generate} into {@code dir/PREFIX.key} and {@code .pub}, once; returns the public key. */
    Path gateKeyPair(String prefix) {
        Path publicKey = dir.resolve(prefix + ".pub");
        if (!Files.exists(publicKey)) {
            Run generated = gate(
                    "key",
                    "generate",
                    "--output-key-prefix",
                    dir.resolve(prefix).toString());
            assertEquals(0, generated.code(), generated.toString());
        }
        return publicKey;
    }

    /** The sample image copied unsigned to a new repository of the registry; returns its reference. */
    String unsignedSample(String name) {
        String image = Cosign.freshImage(registry, name, "1.0.0");
        Run copied = gate("copy", "oci:" + root.resolve("testdata/sample") + ":1.0.0", image);
        assertEquals(0, copied.code(), copied.toString());
        return image;
    }

    /** An advisory database imported from the shared OSV records (a visible skip without them). */
    Path osvDatabase() {
        Path database = dir.resolve("osv.db");
        if (!Files.exists(database)) {
            Run imported = gate("db", "import", TestMaterial.shared("osv").toString(), "--db", database.toString());
            assertEquals(0, imported.code(), imported.toString());
        }
        return database;
    }

    /** A key that signed nothing here: verifying with it must fail. */
    Path otherPublicKey() {
        return gateKeyPair("other");
    }
}
