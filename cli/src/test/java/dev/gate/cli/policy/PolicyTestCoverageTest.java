package dev.gate.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PolicyTestCoverageTest {

    private static final Path POLICIES =
            Path.of(System.getProperty("gate.root", "..")).resolve("policies");

    @TempDir
    Path dir;

    /** One rule a test covers (row 3), one it does not (row 5); the test's own row is covered too. */
    private Path halfCovered(boolean failing) throws IOException {
        Files.writeString(dir.resolve("p.rego"), """
                package p

                a if input.x == 1

                b if input.y == 2
                """);
        Files.writeString(dir.resolve("p_test.rego"), """
                package p

                test_a if a with input as {"x": %s}
                """.formatted(failing ? "2" : "1"));
        return dir;
    }

    @Test
    void textListsEachFilesPercentageAndTheTotal() throws IOException {
        InProcessGate.Run run = InProcessGate.gate(
                "policy", "test", "--coverage", halfCovered(false).toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains(dir.resolve("p.rego") + ": 50.00% (1 covered, 1 not covered)"), run.out());
        assertTrue(run.out().contains(dir.resolve("p_test.rego") + ": 100.00% (1 covered, 0 not covered)"), run.out());
        assertTrue(run.out().contains("COVERAGE: 66.67% (2 covered, 1 not covered)"), run.out());
    }

    @Test
    void jsonIsOpasCoverageReport() throws IOException {
        InProcessGate.Run run = InProcessGate.gate(
                "policy",
                "test",
                "--coverage",
                "--format",
                "json",
                halfCovered(false).toString());
        assertEquals(0, run.code(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        JsonNode file = report.get("files").get(dir.resolve("p.rego").toString());
        assertEquals(3, file.get("covered").get(0).get("start").get("row").asInt());
        assertEquals(3, file.get("covered").get(0).get("end").get("row").asInt());
        assertEquals(5, file.get("not_covered").get(0).get("start").get("row").asInt());
        assertEquals(1, file.get("covered_lines").asInt());
        assertEquals(1, file.get("not_covered_lines").asInt());
        assertEquals(50, file.get("coverage").asInt());
        assertEquals(2, report.get("covered_lines").asInt());
        assertEquals(1, report.get("not_covered_lines").asInt());
        assertEquals(66.67, report.get("coverage").asDouble(), 0.01);
    }

    @Test
    void jsonWithoutCoverageListsTheTests() throws IOException {
        InProcessGate.Run run = InProcessGate.gate(
                "policy", "test", "--format", "json", halfCovered(true).toString());
        assertEquals(1, run.code(), run.err());
        JsonNode test = new ObjectMapper().readTree(run.out()).get(0);
        assertEquals("data.p", test.get("package").asText());
        assertEquals("test_a", test.get("name").asText());
        assertEquals("FAIL", test.get("status").asText());
    }

    @Test
    void aThresholdBreachExitsOneWithOneLine() throws IOException {
        InProcessGate.Run run = InProcessGate.gate(
                "policy", "test", "--threshold", "75", halfCovered(false).toString());
        assertEquals(1, run.code(), run.out());
        assertEquals(
                "coverage 66.67% is below the threshold of 75.00%", run.err().strip());
        assertEquals(
                0,
                InProcessGate.gate("policy", "test", "--coverage", "--threshold", "60%", dir.toString())
                        .code());
    }

    @Test
    void shippedPoliciesMeetAThresholdTheirTestsReach() {
        InProcessGate.Run run =
                InProcessGate.gate("policy", "test", "--coverage", "--threshold", "50", POLICIES.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("prod.rego: "), run.out());
    }

    @Test
    void badFlagsExitTwo() throws IOException {
        halfCovered(false);
        InProcessGate.Run over =
                InProcessGate.gate("policy", "test", "--coverage", "--threshold", "150", dir.toString());
        assertEquals(2, over.code());
        assertTrue(over.err().contains("--threshold 150: must be a percentage from 0 to 100"), over.err());
        assertEquals(
                2,
                InProcessGate.gate("policy", "test", "--threshold", "abc", dir.toString())
                        .code());
        InProcessGate.Run format = InProcessGate.gate("policy", "test", "--format", "xml", dir.toString());
        assertEquals(2, format.code());
        assertTrue(format.err().contains("--format xml: must be text, json or junit"), format.err());
    }

    @Test
    void junitHoldsTheTestsAndCoverageAsAProperty() throws Exception {
        InProcessGate.Run run = InProcessGate.gate(
                "policy",
                "test",
                "--coverage",
                "--format",
                "junit",
                halfCovered(true).toString());
        assertEquals(1, run.code(), run.err());
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals("1", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element testcase = (Element) xml.getElementsByTagName("testcase").item(0);
        assertEquals("data.p", testcase.getAttribute("classname"));
        assertEquals("test_a", testcase.getAttribute("name"));
        assertEquals(1, testcase.getElementsByTagName("failure").getLength());
        Element property = (Element) xml.getElementsByTagName("property").item(0);
        assertEquals("coverage", property.getAttribute("name"));
        assertEquals("25.00", property.getAttribute("value"));
    }
}
