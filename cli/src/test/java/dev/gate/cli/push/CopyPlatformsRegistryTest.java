package dev.gate.cli.push;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.gate.TestImages;
import dev.gate.image.testing.LoopbackServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate copy --platform on an index in the real plain registry, judged by crane. */
class CopyPlatformsRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    Path layout;

    String host;
    String source;
    JsonNode sourceIndex;

    @BeforeEach
    void pushThreePlatformIndex() throws Exception {
        host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        TestImages.writeIndex(
                layout,
                "1.0.0",
                List.of(
                        TestImages.Spec.compliant(),
                        TestImages.Spec.compliant().withArchitecture("arm64"),
                        TestImages.Spec.compliant().withArchitecture("s390x")));
        source = host + "/chores-platforms-" + UUID.randomUUID() + ":1.0.0";
        Run push = gate("push", "-q", "oci:" + layout + ":1.0.0", source);
        assertEquals(0, push.code(), push.toString());
        sourceIndex = JSON.readTree(Crane.run("manifest", source));
    }

    private String child(String architecture) {
        for (JsonNode entry : sourceIndex.path("manifests")) {
            if (entry.at("/platform/architecture").asText().equals(architecture)) {
                return entry.path("digest").asText();
            }
        }
        throw new AssertionError("no " + architecture);
    }

    @Test
    void onePlatformIsItsImageAloneWithItsDigest() throws Exception {
        String to = host + "/chores-one-" + UUID.randomUUID() + ":1.0.0";
        Run copy = gate("copy", "-q", "--platform", "linux/arm64", source, to);
        assertEquals(0, copy.code(), copy.toString());
        assertEquals(child("arm64"), Crane.run("digest", to).strip());
        assertEquals(
                "application/vnd.oci.image.manifest.v1+json",
                JSON.readTree(Crane.run("manifest", to)).path("mediaType").asText());
    }

    @Test
    void theChosenImageKeepsItsSignature() throws Exception {
        environment = environment.withVariables(onlyKeyPassword("pw"));
        Path keys = layout.resolve("keys");
        java.nio.file.Files.createDirectories(keys);
        assertEquals(
                0,
                gate(
                                "key",
                                "generate",
                                "--output-key-prefix",
                                keys.resolve("gate").toString())
                        .code());
        String repository = source.substring(0, source.lastIndexOf(':'));
        Run sign = gate("sign", "--key", keys.resolve("gate.key").toString(), repository + "@" + child("arm64"));
        assertEquals(0, sign.code(), sign.toString());

        String to = host + "/chores-signed-" + UUID.randomUUID() + ":1.0.0";
        Run copy = gate("copy", "-q", "--platform", "linux/arm64", source, to);
        assertEquals(0, copy.code(), copy.toString());
        Run verify = gate("verify", "--key", keys.resolve("gate.pub").toString(), to);
        assertEquals(0, verify.code(), verify.toString());
    }

    @Test
    void severalPlatformsAreANewIndexOfThoseEntriesOnly() throws Exception {
        String to = host + "/chores-two-" + UUID.randomUUID() + ":1.0.0";
        Run copy =
                gate("copy", "--output", "json", "--platform", "linux/s390x", "--platform", "linux/amd64", source, to);
        assertEquals(0, copy.code(), copy.toString());
        JsonNode copied = JSON.readTree(Crane.run("manifest", to));
        List<String> children = new ArrayList<>();
        copied.path("manifests")
                .forEach(entry -> children.add(entry.path("digest").asText()));
        assertEquals(List.of(child("amd64"), child("s390x")), children, "the source's order, the source's entries");
        String digest = Crane.run("digest", to).strip();
        assertEquals(JSON.readTree(copy.out()).path("digest").asText(), digest);
        assertNotEquals(Crane.run("digest", source).strip(), digest);
        Crane.run("validate", "--remote", to);
    }

    @Test
    void allPlatformsIsTheIndexUnchanged() throws Exception {
        String to = host + "/chores-all-" + UUID.randomUUID() + ":1.0.0";
        Run copy = gate("copy", "-q", "--all-platforms", source, to);
        assertEquals(0, copy.code(), copy.toString());
        assertEquals(
                Crane.run("digest", source).strip(), Crane.run("digest", to).strip());
    }

    @Test
    void aPlatformTheIndexLacksIsAUsageErrorAndNothingIsCopied() throws Exception {
        String to = host + "/chores-none-" + UUID.randomUUID() + ":1.0.0";
        Run copy = gate("copy", "-q", "--platform", "linux/ppc64le", source, to);
        assertEquals(2, copy.code(), copy.toString());
        assertEquals(1, copy.err().lines().count(), copy.err());
        assertTrue(copy.err().contains("linux/amd64, linux/arm64, linux/s390x"), copy.err());
        assertNotEquals(0, Crane.attempt("digest", to).code(), "nothing was pushed");

        Run both = gate("copy", "--platform", "linux/amd64", "--all-platforms", source, to);
        assertEquals(2, both.code(), both.toString());
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
