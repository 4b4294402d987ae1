package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.sign.Passwords;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.signing.EcdsaSigner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate audit of a real registry repository whose many tags point at few images: each image is checked once, the policies
 * are decided per tag, and requests are counted by a proxy in front of the registry.
 */
class AuditByImageTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    String registry;
    String repository;
    Path key;
    RegistryProxy proxy;

    @BeforeEach
    void setUp() throws Exception {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        repository = "audit-" + UUID.randomUUID().toString().substring(0, 8) + "/app";
        Passwords.environment = name -> name.equals("COSIGN_PASSWORD") ? "pw" : null;
        key = GateFixtures.keyPair(dir);
        proxy = new RegistryProxy(registry);
    }

    @AfterEach
    void restore() {
        Passwords.environment = System::getenv;
        proxy.close();
    }

    /** Pushes the sample signed and attested, as the gate does, under {@code tag}. */
    static void pushSigned(Path key, Path db, String destination) {
        String sample = "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
        Run pushed = gate("push", "--key", key.toString(), "--policy", policies("prod.rego"), "--data", policies("data.example.yaml"),
                "--db", db.toString(), sample, destination);
        assertEquals(0, pushed.code(), pushed.toString());
    }

    static String policies(String file) {
        return GateFixtures.root().resolve("policies").resolve(file).toString();
    }

    /** Puts the manifest of {@code from} under each of {@code tags} with the registry API, as a tag-heavy registry looks. */
    static void retag(String registry, String repository, String from, List<String> tags) {
        RegistryClient client = RegistryClient.open(Reference.parse(registry + "/" + repository), RegistryOptions.defaults());
        RegistryClient.Manifest manifest = client.getManifest(from).orElseThrow();
        tags.forEach(t -> client.putManifest(t, manifest.descriptor(), manifest.raw()));
    }

    static List<String> versions(int from, int to) {
        List<String> tags = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            tags.add("1.0." + i);
        }
        return tags;
    }

    @Test
    void eachImageIsCheckedOnceAndDecidedPerTag() throws Exception {
        Path db = GateFixtures.osvDatabase(dir);
        pushSigned(key, db, registry + "/" + repository + ":1.0.0");
        retag(registry, repository, "1.0.0", versions(1, 24));
        retag(registry, repository, "1.0.0", List.of("latest"));

        Run run = gate("audit", "--key", dir.resolve("gate.pub").toString(), "--policy", policies("prod.rego"), "--data",
                policies("data.example.yaml"), "--db", db.toString(), "--output", "json", proxy.host() + "/" + repository);
        assertEquals(1, run.code(), run.toString());
        JsonNode tags = JSON.readTree(run.out()).get("tags");
        assertEquals(26, tags.size());
        String keyId = EcdsaSigner.keyId(VerifyCommand.readPublic(dir.resolve("gate.pub")));
        for (JsonNode tag : tags) {
            assertEquals("[\"" + keyId + "\"]", tag.get("verifiedBy").toString(), tag.toString());
            boolean latest = tag.get("tag").asText().equals("latest");
            assertEquals(!latest, tag.get("ok").asBoolean(), tag.toString());
            assertEquals(latest, tag.get("failingRules").toString().contains("deny_latest"), "the policies read each tag's own name");
        }
        String prefix = "/v2/" + repository + "/";
        assertEquals(26, proxy.count(r -> r.startsWith("HEAD " + prefix + "manifests/")), "one HEAD resolves each tag");
        long rest = proxy.count(r -> r.contains(prefix) && !r.startsWith("HEAD "));
        assertTrue(rest <= 12, "signatures, attestations, manifest and config read once for the image, not per tag: "
                + rest + " requests " + proxy.requests);
    }
}
