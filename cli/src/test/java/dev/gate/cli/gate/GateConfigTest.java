package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.Main;
import dev.gate.image.Digest;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.PipelineSettings;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.signing.oci.LayoutSignatureStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration is read only when named (--config, GATE_CONFIG), the command line wins over it, and the decision
 * record names the file that was read.
 */
class GateConfigTest {

    private static final String SAMPLE_DIGEST =
            "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440";

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void environment() {
        env = new HashMap<>(Map.of("COSIGN_PASSWORD", "pw"));
        environment = environment.withVariables(env::get);
    }

    private static String shipped(String name) {
        return GateFixtures.root().resolve("policies/" + name).toString();
    }

    private static String sample() {
        return "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
    }

    /** What a checkout could carry to switch prod.rego off: a namespace that matches nothing, and a mirror. */
    private Path hostileConfig(Path folder) throws Exception {
        return Files.writeString(
                folder.resolve("gate.yaml"),
                "namespace: nothing.here\nalso: [oci:" + dir.resolve("mirror")
                        + ":latest]\nregistries: {insecure: [\"10.0.0.5:5000\"]}\n");
    }

    @Test
    void aGateYamlInTheWorkingDirectoryIsNotRead() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        hostileConfig(checkout);
        Path out = dir.resolve("out");
        // A process of its own: the working directory is the checkout, as in CI.
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "push",
                        "--policy",
                        shipped("prod.rego"),
                        "--data",
                        shipped("data.example.yaml"),
                        "--no-sign",
                        "--no-scan",
                        "--name",
                        "registry.example.com/demo/sample:latest",
                        sample(),
                        "oci:" + out + ":latest")
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "gate push timed out");
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("policy    DENIED"), output);
        assertTrue(output.contains("gate.prod.deny_latest: tag \"latest\" is not allowed"), output);
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("mirror")));
    }

    @Test
    void gateConfigNamesTheFileAndTheCommandLineWins() throws Exception {
        Path config = Files.writeString(
                dir.resolve("org.yaml"),
                "policies: [" + shipped("prod.rego") + "]\n" + "data: [" + shipped("data.example.yaml")
                        + "]\nnamespace: nothing.here\nkey: missing.key\n");
        env.put("GATE_CONFIG", config.toString());
        Path out = dir.resolve("out");
        String[] common = {
            "--no-scan", "--name", "registry.example.com/demo/sample:latest", sample(), "oci:" + out + ":latest"
        };

        Run fromEnvironment = gate(concat(new String[] {"push", "--no-sign"}, common));
        assertEquals(2, fromEnvironment.code(), "the file's namespace matches no package: " + fromEnvironment);
        assertTrue(fromEnvironment.err().contains("nothing.here"), fromEnvironment.err());

        Run flagsWin = gate(concat(new String[] {"push", "--no-sign", "--namespace", "gate.prod"}, common));
        assertEquals(1, flagsWin.code(), flagsWin.toString());
        assertTrue(flagsWin.out().contains("gate.prod.deny_latest"), flagsWin.out());

        Path other = Files.writeString(dir.resolve("other.yaml"), "namespace: gate.prod\n");
        Run flagOverVariable = gate(concat(
                new String[] {
                    "push",
                    "--config",
                    other.toString(),
                    "--policy",
                    shipped("prod.rego"),
                    "--data",
                    shipped("data.example.yaml"),
                    "--no-sign"
                },
                common));
        assertEquals(1, flagOverVariable.code(), "--config is read, GATE_CONFIG is not: " + flagOverVariable);
        assertTrue(flagOverVariable.out().contains("gate.prod.deny_latest"), flagOverVariable.out());
        assertFalse(Files.exists(out));

        env.put("GATE_CONFIG", dir.resolve("absent.yaml").toString());
        Run missing = gate(concat(new String[] {"push", "--no-sign"}, common));
        assertEquals(2, missing.code(), missing.toString());
        assertEquals("gate: GATE_CONFIG=" + dir.resolve("absent.yaml") + ": no such file\n", missing.err());
    }

    @Test
    void aConfigurationFileIsBoundedInSize() throws Exception {
        Path huge = Files.writeString(dir.resolve("huge.yaml"), "# padding\n".repeat(120_000));
        Run run = gate(
                "push",
                "--config",
                huge.toString(),
                "--policy",
                shipped("prod.rego"),
                "--no-sign",
                "--no-scan",
                sample(),
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(2, run.code(), run.toString());
        assertEquals("gate: --config " + huge + ": larger than 1048576 bytes; not a configuration file\n", run.err());
    }

    @Test
    void insecureRegistriesOnTheCommandLineReplaceTheFilesList() {
        GateConfig config = new GateConfig(
                List.of(),
                List.of(),
                null,
                Map.of(),
                null,
                null,
                null,
                List.of("10.0.0.5:5000"),
                List.of(),
                null,
                List.of(),
                null);
        GateOptions fromFile = new GateOptions();
        fromFile.noSign = true;
        fromFile.noScan = true;
        fromFile.policy.policies = List.of(shipped("prod.rego"));
        PipelineSettings settings = fromFile.settings("src", "dst", config, RegistryOptions.defaults(), environment);
        assertEquals(Set.of("10.0.0.5:5000"), settings.registries().insecureRegistries());
        PipelineSettings flagged = fromFile.settings(
                "src", "dst", config, RegistryOptions.defaults().withInsecure(Set.of("10.0.0.6:5000")), environment);
        assertEquals(
                Set.of("10.0.0.6:5000"),
                flagged.registries().insecureRegistries(),
                "the flag replaces the file's list");
    }

    @Test
    void theDecisionRecordNamesTheConfigurationAndItsDigestAsItsSchemaSays() throws Exception {
        GateFixtures.keyPair(dir);
        Path config = Files.writeString(
                dir.resolve("gate.yaml"),
                "policies: [" + shipped("prod.rego") + "]\n" + "data: [" + shipped("data.example.yaml")
                        + "]\nkey: gate.key\n");
        Path out = dir.resolve("out");
        Run run = gate(
                "push",
                "--config",
                config.toString(),
                "--no-scan",
                "--waivers",
                GateFixtures.unscannedWaiver(),
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                sample(),
                "oci:" + out + ":1.0.0");
        assertEquals(0, run.code(), run.toString());
        JsonNode decision = AttestedPredicates.read(
                        new LayoutSignatureStore(out),
                        Digest.parse(SAMPLE_DIGEST),
                        PushLayoutTest.publicKey(dir.resolve("gate.pub")))
                .predicate(DecisionRecord.PREDICATE_TYPE);
        assertEquals(config.toString(), decision.at("/config/path").asText(), decision.toString());
        assertEquals(
                TestImages.sha256(Files.readAllBytes(config)),
                decision.at("/config/sha256").asText());

        Path plain = dir.resolve("plain");
        Run flagsOnly = gate(
                "push",
                "--policy",
                shipped("prod.rego"),
                "--data",
                shipped("data.example.yaml"),
                "--key",
                dir.resolve("gate.key").toString(),
                "--no-scan",
                "--waivers",
                GateFixtures.unscannedWaiver(),
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                sample(),
                "oci:" + plain + ":1.0.0");
        assertEquals(0, flagsOnly.code(), flagsOnly.toString());
        JsonNode without = AttestedPredicates.read(
                        new LayoutSignatureStore(plain),
                        Digest.parse(SAMPLE_DIGEST),
                        PushLayoutTest.publicKey(dir.resolve("gate.pub")))
                .predicate(DecisionRecord.PREDICATE_TYPE);
        assertTrue(without.has("config") && without.get("config").isNull(), without.toString());

        // docs/decision-record.schema.json documents every field, and only those.
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(GateFixtures.root().resolve("docs/decision-record.schema.json")));
        assertEquals(Set.of(), schema.validate(decision), decision.toPrettyString());
        assertEquals(Set.of(), schema.validate(without), without.toPrettyString());
        ObjectNode undocumented = decision.deepCopy();
        undocumented.put("extra", true);
        assertFalse(schema.validate(undocumented).isEmpty(), "a field the schema does not name fails");
        ObjectNode noConfig = decision.deepCopy();
        noConfig.remove("config");
        assertFalse(schema.validate(noConfig).isEmpty(), "config is required, null when none was read");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
