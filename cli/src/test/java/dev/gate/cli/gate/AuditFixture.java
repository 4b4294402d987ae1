package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.testing.LoopbackServices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the audit tests share: the loopback registry, a repository prefix of the test's own, the key password in the
 * environment, a counting proxy in front of the registry, and ways to fill a repository with many tags quickly.
 */
final class AuditFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final String registry;
    final String prefix;
    final RegistryProxy proxy;
    final Environment environment = Environment.system().withVariables(onlyKeyPassword("pw"));

    AuditFixture() throws IOException {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        prefix = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        proxy = new RegistryProxy(registry);
    }

    @Override
    public void close() {
        proxy.close();
    }

    /** Runs gate with the key password of the fixture's keys and nothing else in the environment. */
    Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }

    /** Pushes the sample signed, with its SBOM, vulnerability and decision attestations, as the gate does. */
    void pushAttested(Path key, Path db, String repository, String tag) {
        Run pushed = gate(
                "push",
                "--key",
                key.toString(),
                "--policy",
                policies("prod.rego"),
                "--data",
                policies("data.example.yaml"),
                "--db",
                db.toString(),
                sample(),
                registry + "/" + repository + ":" + tag);
        assertEquals(0, pushed.code(), pushed.toString());
    }

    /** Pushes the sample signed with an SBOM attestation only (no scan), quicker. */
    void pushSigned(Path key, String repository, String tag) {
        Run pushed =
                gate("push", "--sbom-only", "--key", key.toString(), sample(), registry + "/" + repository + ":" + tag);
        assertEquals(0, pushed.code(), pushed.toString());
    }

    private static String sample() {
        return "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
    }

    static String policies(String file) {
        return GateFixtures.root().resolve("policies").resolve(file).toString();
    }

    /** Puts the manifest of {@code from} under each of {@code tags} with the registry API, as a tag-heavy registry looks. */
    void retag(String repository, String from, List<String> tags) {
        RegistryClient client =
                RegistryClient.open(Reference.parse(registry + "/" + repository), RegistryOptions.defaults());
        RegistryClient.Manifest manifest = client.getManifest(from).orElseThrow();
        tags.forEach(t -> client.putManifest(t, manifest.descriptor(), manifest.raw()));
    }

    /** 1.0.FROM to 1.0.TO. */
    static List<String> versions(int from, int to) {
        List<String> tags = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            tags.add("1.0." + i);
        }
        return tags;
    }
}
