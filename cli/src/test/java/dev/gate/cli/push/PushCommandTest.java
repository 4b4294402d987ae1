package dev.gate.cli.push;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushCommandTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");
    static final String SAMPLE_DIGEST = "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440";

    @TempDir
    Path temp;

    @Test
    void pushesTheSampleKeepingItsDigestAndSkipsOnRerun() throws Exception {
        String dest = "oci:" + temp.resolve("out") + ":1.0.0";
        Run first = gate("push", "oci:" + SAMPLE + ":1.0.0", dest);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("digest: " + SAMPLE_DIGEST), first.out());

        Run second = gate("push", "--output", "json", "oci:" + SAMPLE + ":1.0.0", dest);
        JsonNode report = new ObjectMapper().readTree(second.out());
        assertEquals(SAMPLE_DIGEST, report.get("digest").asText());
        assertEquals(2, report.get("blobs").size());
        report.get("blobs")
                .forEach(b -> assertEquals("skipped_existing", b.get("outcome").asText()));
    }

    @Test
    void quietPrintsNothing() {
        Run run = gate("copy", "-q", "oci:" + SAMPLE, "oci:" + temp.resolve("q"));
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (String[] args : new String[][] {
            {"push", "oci:" + temp.resolve("missing"), "oci:" + temp.resolve("o")},
            {"copy", "nope:/x", "oci:" + temp.resolve("o")},
            {"copy", "oci:" + SAMPLE, "Bad/Name"},
        }) {
            Run run = gate(args);
            assertEquals(2, run.code(), String.join(" ", args) + " -> " + run.err());
            assertTrue(run.err().startsWith("gate: "), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
        assertFalse(Files.exists(temp.resolve("o")), "nothing written for failed runs");
    }

    @Test
    void badJobsIsAnInputError() {
        Run run = gate("copy", "--jobs", "0", "oci:" + SAMPLE, "oci:" + temp.resolve("j"));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--jobs"), run.err());
    }
}
