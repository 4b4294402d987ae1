package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.errors.GateException;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.pipeline.PipelineSettings;
import dev.gate.sbom.SbomGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gate push --catalog-timeout}: parsed into the pipeline settings, refused where nothing is cataloged. */
class CatalogTimeoutOptionTest {

    @Test
    void theFlagBecomesTheSettingAndDefaultsToTenMinutes() {
        assertEquals(
                Duration.ofMinutes(3),
                settings("--sbom-only", "--no-sign", "--catalog-timeout", "3m").catalogTimeout());
        assertEquals(
                SbomGenerator.DEFAULT_CATALOG_TIMEOUT,
                settings("--sbom-only", "--no-sign").catalogTimeout());
        assertEquals(Duration.ofMinutes(10), SbomGenerator.DEFAULT_CATALOG_TIMEOUT);
    }

    @Test
    void aBadOrZeroBudgetIsAnInputError() {
        GateException zero = assertThrows(
                GateException.class, () -> settings("--sbom-only", "--no-sign", "--catalog-timeout", "0s"));
        assertEquals(2, zero.kind().exitCode());
        assertTrue(zero.getMessage().contains("--catalog-timeout 0s"), zero.getMessage());
        GateException huge = assertThrows(
                GateException.class, () -> settings("--sbom-only", "--no-sign", "--catalog-timeout", "99999999999m"));
        assertEquals(2, huge.kind().exitCode());
    }

    @Test
    void aPlainPushRefusesTheFlagRatherThanIgnoringIt() {
        Run run = gate("push", "--catalog-timeout", "5m", "oci:/nonexistent:1", "oci:/nonexistent-out:1");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("need --policy FILE|DIR (or --sbom-only)"), run.err());
    }

    @Test
    void theBudgetReachesTheGatesCataloging(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // Thousands of files: reading them takes longer than 1 ms however warm the JVM is by now.
        TestImages.Spec many = TestImages.Spec.compliant();
        for (int i = 0; i < 5000; i++) many = many.withFile("app/data/file-" + i + ".txt", "content " + i);
        TestImages.write(dir.resolve("many"), "1.0.0", many);
        Run run = gate(
                "push",
                "--sbom-only",
                "--no-sign",
                "--catalog-timeout",
                "1ms",
                "oci:" + dir.resolve("many") + ":1.0.0",
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("1ms"), run.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("out")), "nothing is written");
    }

    private static PipelineSettings settings(String... args) {
        GateOptions options = new GateOptions();
        new CommandLine(options).parseArgs(args);
        return options.settings(
                "oci:/src:1", "oci:/dst:1", GateConfig.none(), RegistryOptions.defaults(), Environment.system());
    }
}
