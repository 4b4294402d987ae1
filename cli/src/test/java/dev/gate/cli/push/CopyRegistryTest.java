package dev.gate.cli.push;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** gate copy and push against the real Distribution registries of .ci/services.sh, checked with skopeo. */
class CopyRegistryTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");

    @Test
    void copyBetweenRepositoriesOfOneRegistryMountsEveryBlob() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        String from = host + "/it/copy-from-" + UUID.randomUUID() + ":1.0.0";
        String to = host + "/it/copy-to-" + UUID.randomUUID() + ":1.0.0";
        assertEquals(0, gate("push", "-q", "oci:" + SAMPLE + ":1.0.0", from).code());

        Run copy = gate("copy", "--output", "json", from, to);
        assertEquals(0, copy.code(), copy.err());
        JsonNode report = new ObjectMapper().readTree(copy.out());
        assertEquals(PushCommandTest.SAMPLE_DIGEST, report.get("digest").asText());
        report.get("blobs")
                .forEach(blob -> assertEquals("mounted", blob.get("outcome").asText(), copy.out()));
        String skopeo = run("skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + to);
        assertEquals(PushCommandTest.SAMPLE_DIGEST, skopeo.strip());
    }

    @Test
    void registryCaTrustsTheTlsRegistryWithoutInsecure() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_TLS");
        String ca = LoopbackServices.require("GATE_REGISTRY_CA");
        Path auth = Files.createTempFile("gate-auth", ".json");
        String pair = java.util.Base64.getEncoder()
                .encodeToString((LoopbackServices.require("GATE_REGISTRY_USER") + ":"
                                + LoopbackServices.require("GATE_REGISTRY_PASSWORD"))
                        .getBytes());
        Files.writeString(auth, "{\"auths\":{\"" + host + "\":{\"auth\":\"" + pair + "\"}}}");
        String to = host + "/it/ca-" + UUID.randomUUID() + ":1.0.0";

        Run untrusted = gate("push", "--authfile", auth.toString(), "-q", "oci:" + SAMPLE + ":1.0.0", to);
        assertEquals(3, untrusted.code(), untrusted.err());
        assertTrue(untrusted.err().contains("--registry-ca"), untrusted.err());

        Run trusted =
                gate("push", "--registry-ca", ca, "--authfile", auth.toString(), "-q", "oci:" + SAMPLE + ":1.0.0", to);
        assertEquals(0, trusted.code(), trusted.err());
        Path certDir = Files.createTempDirectory("gate-ca");
        Files.copy(Path.of(ca), certDir.resolve("ca.crt"));
        String skopeo = run(
                "skopeo",
                "inspect",
                "--cert-dir",
                certDir.toString(),
                "--authfile",
                auth.toString(),
                "--format",
                "{{.Digest}}",
                "docker://" + to);
        assertEquals(PushCommandTest.SAMPLE_DIGEST, skopeo.strip());
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }
}
