package dev.gate.policy.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.image.testing.JudgeTools;
import dev.gate.policy.PolicySet;
import dev.gate.policy.testing.PolicyTests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The installed opa (the pinned one of {@code .ci/tools.sh}) judges gate's coverage of the shipped policies, live. */
class OpaCoverageJudgeTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyShippedFileHasTheRowsOpaReports() throws Exception {
        Path opa = JudgeTools.require("opa");
        Process p = new ProcessBuilder(opa.toString(), "test", "--coverage", "--format", "json", "policies/")
                .directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), json);
        PolicySet set = PolicySet.load(
                List.of(ROOT.resolve("policies")), List.of(ROOT.resolve("policies/data.example.yaml")), true, null);
        CoverageReport gate =
                PolicyTests.runWithCoverage(set, null, Duration.ofSeconds(30)).coverage();
        OpaReport.parse(json).assertSameRows(gate, ROOT);
    }
}
